"""Date and time formats per language (settings.FORMAT_MODULE_PATH).

Templates and code name a format ("LONG_DATE_FORMAT") instead of spelling one ("l, j. F Y"), so a page in
English never shows a German date order. Both languages use 24-hour times; English uses the British
day-month-year order ("Thursday, 18 March 2027", "18 Mar 2027"), never the US one.
Besides Django's names, both modules define LONG_DATE_FORMAT, LONG_DATETIME_FORMAT, LONG_DAY_MONTH_FORMAT,
SHORT_DAY_MONTH_FORMAT and SHORT_YEAR_MONTH_FORMAT.
"""
