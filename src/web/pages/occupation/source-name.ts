/** The occupation page: names of the sources the explanation cites. */
export function sourceName(sourceId: string): string {
  return (
    {
      'af-yrkesbarometer': 'Arbetsförmedlingen, Yrkesbarometer',
      'af-yrkesprognoser': 'Arbetsförmedlingen, Yrkesprognoser',
      'scb-yrkesregistret': 'SCB, Yrkesregistret',
    }[sourceId] ?? sourceId
  );
}
