// Field names that say "a national identifier" without saying which country's: under them each
// national-id classifier accepts its own format, as it would under its own field name.

export const NATIONAL_ID_NAMES: readonly string[] = [
  'nationalid', 'nationalidnumber', 'nationalidentifier', 'nationalidentitynumber', 'nationalidentitycard', 'idnumber',
  'identitynumber', 'identificationnumber', 'personalidnumber', 'personalidentitynumber', 'personalnumber', 'governmentid',
  'citizenid', 'taxid', 'tin', 'taxnumber', 'taxidentificationnumber',
];
