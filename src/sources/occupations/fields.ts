/**
 * Arbetsförmedlingen's occupational fields (yrkesområden) with a stable slug id and an English name (our
 * translation). The Swedish name is the key used in the source file; a name not listed here stops the import,
 * so a renamed or new field gets an id on purpose rather than by accident.
 */
export interface OccupationFieldDefinition {
  id: string;
  nameSv: string;
  nameEn: string;
}

export const OCCUPATION_FIELDS: readonly OccupationFieldDefinition[] = [
  {
    id: 'administration-ekonomi-juridik',
    nameSv: 'Administration, ekonomi, juridik',
    nameEn: 'Administration, finance, law',
  },
  { id: 'bygg-anlaggning', nameSv: 'Bygg och anläggning', nameEn: 'Building and civil engineering' },
  {
    id: 'chefer-verksamhetsledare',
    nameSv: 'Chefer och verksamhetsledare',
    nameEn: 'Managers and executives',
  },
  { id: 'data-it', nameSv: 'Data/IT', nameEn: 'Computing/IT' },
  {
    id: 'forsaljning-inkop-marknadsforing',
    nameSv: 'Försäljning, inköp, marknadsföring',
    nameEn: 'Sales, purchasing, marketing',
  },
  { id: 'hantverk', nameSv: 'Hantverk', nameEn: 'Crafts' },
  {
    id: 'hotell-restaurang-storhushall',
    nameSv: 'Hotell, restaurang, storhushåll',
    nameEn: 'Hotels, restaurants, catering',
  },
  { id: 'halso-sjukvard', nameSv: 'Hälso- och sjukvård', nameEn: 'Health care' },
  { id: 'industriell-tillverkning', nameSv: 'Industriell tillverkning', nameEn: 'Industrial manufacturing' },
  {
    id: 'installation-drift-underhall',
    nameSv: 'Installation, drift, underhåll',
    nameEn: 'Installation, operation, maintenance',
  },
  { id: 'kropps-skonhetsvard', nameSv: 'Kropps- och skönhetsvård', nameEn: 'Personal and beauty care' },
  { id: 'kultur-media-design', nameSv: 'Kultur, media, design', nameEn: 'Culture, media, design' },
  { id: 'militara-yrken', nameSv: 'Militära yrken', nameEn: 'Military occupations' },
  { id: 'naturbruk', nameSv: 'Naturbruk', nameEn: 'Agriculture, forestry, fishing and animal care' },
  { id: 'naturvetenskap', nameSv: 'Naturvetenskap', nameEn: 'Natural sciences' },
  { id: 'pedagogik', nameSv: 'Pedagogik', nameEn: 'Education' },
  { id: 'sanering-renhallning', nameSv: 'Sanering och renhållning', nameEn: 'Cleaning and sanitation' },
  { id: 'sakerhet-bevakning', nameSv: 'Säkerhet och bevakning', nameEn: 'Security and surveillance' },
  {
    id: 'transport-distribution-lager',
    nameSv: 'Transport, distribution, lager',
    nameEn: 'Transport, distribution, warehousing',
  },
  { id: 'social-inriktning', nameSv: 'Yrken med social inriktning', nameEn: 'Social work occupations' },
  {
    id: 'teknisk-inriktning',
    nameSv: 'Yrken med teknisk inriktning',
    nameEn: 'Engineering and technical occupations',
  },
];

const byName = new Map(OCCUPATION_FIELDS.map((f) => [f.nameSv, f]));

/** The field with this exact Swedish name (as written by Arbetsförmedlingen), if known. */
export function occupationFieldByName(nameSv: string): OccupationFieldDefinition | undefined {
  return byName.get(nameSv);
}
