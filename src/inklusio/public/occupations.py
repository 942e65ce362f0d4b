"""Recognised training occupations (anerkannte Ausbildungsberufe) offered in inclusion companies.

Plain data, maintained here: the code is stable (stored in the database), the name is the official German
designation. The list covers the occupations inclusion companies train in most, including the
Fachpraktiker*innen occupations (training regulations for people with disabilities under § 66 BBiG / § 42r HwO).
Anything else is entered in the offer's free field.
"""

OCCUPATIONS: list[tuple[str, str]] = [
    ("baeckerei_fachverkauf", "Fachverkäufer*in im Lebensmittelhandwerk (Bäckerei)"),
    ("baecker", "Bäcker*in"),
    ("bueromanagement", "Kaufmann/Kauffrau für Büromanagement"),
    ("einzelhandel", "Kaufmann/Kauffrau im Einzelhandel"),
    ("verkaeufer", "Verkäufer*in"),
    ("fachkraft_lagerlogistik", "Fachkraft für Lagerlogistik"),
    ("fachlagerist", "Fachlagerist*in"),
    ("koch", "Koch/Köchin"),
    ("fachkraft_kueche", "Fachkraft Küche"),
    ("fachkraft_gastronomie", "Fachkraft für Gastronomie"),
    ("hotelfachmann", "Hotelfachmann/Hotelfachfrau"),
    ("gaertner_galabau", "Gärtner*in (Garten- und Landschaftsbau)"),
    ("gaertner_zierpflanzen", "Gärtner*in (Zierpflanzenbau)"),
    ("gebaeudereiniger", "Gebäudereiniger*in"),
    ("textilreiniger", "Textilreiniger*in"),
    ("tischler", "Tischler*in"),
    ("metallbauer", "Metallbauer*in"),
    ("industriemechaniker", "Industriemechaniker*in"),
    ("maschinen_anlagenfuehrer", "Maschinen- und Anlagenführer*in"),
    ("fachinformatiker_sysint", "Fachinformatiker*in für Systemintegration"),
    ("fachinformatiker_anwendung", "Fachinformatiker*in für Anwendungsentwicklung"),
    ("mediengestalter", "Mediengestalter*in Digital und Print"),
    ("medientechnologe_druck", "Medientechnologe/Medientechnologin Druck"),
    ("kfz_mechatroniker", "Kraftfahrzeugmechatroniker*in"),
    ("maler", "Maler*in und Lackierer*in"),
    ("fachkraft_kurier", "Fachkraft für Kurier-, Express- und Postdienstleistungen"),
    ("hauswirtschafter", "Hauswirtschafter*in"),
    ("elektroniker", "Elektroniker*in"),
    ("fp_kueche", "Fachpraktiker*in Küche (Beikoch/Beiköchin)"),
    ("fp_hauswirtschaft", "Fachpraktiker*in Hauswirtschaft"),
    ("fp_gartenbau", "Fachpraktiker*in Gartenbau"),
    ("fp_lager", "Fachpraktiker*in für Lagerlogistik"),
    ("fp_buero", "Fachpraktiker*in für Bürokommunikation"),
    ("fp_holz", "Fachpraktiker*in für Holzverarbeitung"),
    ("fp_metall", "Fachpraktiker*in für Metallbau"),
    ("fp_gastgewerbe", "Fachpraktiker*in im Gastgewerbe"),
    ("fp_verkauf", "Fachpraktiker*in im Verkauf"),
    ("fp_gebaeudereinigung", "Fachpraktiker*in Gebäudereinigung"),
    ("fp_baeckerei", "Fachpraktiker*in im Bäckerhandwerk"),
    ("fp_textilreinigung", "Fachpraktiker*in für Textilreinigung"),
    ("fp_maler", "Fachpraktiker*in für Maler und Lackierer"),
    ("fp_informatik", "Fachpraktiker*in für IT-Systeme"),
]

OCCUPATION_NAMES = dict(OCCUPATIONS)


def occupation_name(code: str, other: str = "") -> str:
    """The display name for a stored occupation code, or the free text when the code is empty."""
    return OCCUPATION_NAMES.get(code, "") or other.strip()
