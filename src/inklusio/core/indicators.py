"""What an indicator is, without how it is computed: its stable code, labels, unit, place and definition.

The impact catalogue's entries (``impact.catalogue.IndicatorSpec``) and the complete indicators the apps hand
to the registry (``core.extensions.IndicatorDefinition``) both derive from :class:`IndicatorSpec`. Pure Python:
no Django here (the catalogue imports it).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    label_de: str
    label_en: str
    unit_de: str
    unit_en: str
    level: int  # on PHINEO's Wirkungstreppe, 1..7 (see impact.catalogue.LEVELS)
    chain: str  # input, output, outcome or impact
    kind: str  # stock or flow
    higher_is_better: bool
    definition_de: str
    definition_en: str
    area: str = ""
    app: str = ""  # the app expected to supply the compute function

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_de

    def unit(self, lang: str) -> str:
        return self.unit_en if lang == "en" else self.unit_de

    def definition(self, lang: str) -> str:
        return self.definition_en if lang == "en" else self.definition_de
