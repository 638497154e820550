/** What an event was, in a few words, for the headline and the score's why: "Clicked /pricing", "Filled out 'Contact us'". */
import type { ViewContext } from './context';
import { headlineEmail } from './headline';
import { cleanLink } from './links';
import type { DatedRow } from './model';

export function reasonText(row: DatedRow, ctx: ViewContext): string {
  const { t } = ctx;
  const link = row.link ? cleanLink(row.link).short : '';
  switch (row.type) {
    case 'click':
      return link ? t('why.click', { link }) : t('type.click');
    case 'visit':
      return t('why.visit', { link: link || t('unknownPage') });
    case 'form':
      return t('why.form', { form: row.formName ? t('formNamed', { name: row.formName }) : t('unnamedForm') });
    case 'open':
      return t('why.open', { email: headlineEmail(row) || t('unnamedEmail') });
    default:
      return t(`type.${row.type}`);
  }
}
