/** The settings screen offers only what is live: fields added to the app's settings but not deployed are listed apart. */
import { formModelOf } from '../src/config/form-model';
import { liveOnly } from '../src/config/live-form';

const text = (code: string, label = code) => ({ type: 'SINGLE_LINE_TEXT', code, label });

const preview = formModelOf(
  {
    email: text('email', 'Email'),
    mkto_status: text('mkto_status', 'Email status'),
    history: {
      type: 'SUBTABLE',
      code: 'history',
      label: 'History',
      fields: { h_at: text('h_at', 'At'), h_new: text('h_new', 'New column') },
    },
    mkto_history: {
      type: 'SUBTABLE',
      code: 'mkto_history',
      label: 'Marketo history',
      fields: { mkto_h_at: text('mkto_h_at') },
    },
  },
  [
    { type: 'ROW', fields: [{ type: 'SPACER', elementId: 'old_space' }] },
    { type: 'ROW', fields: [{ type: 'SPACER', elementId: 'mkto_panel' }] },
  ],
);

const live = {
  properties: {
    email: text('email', 'Email'),
    history: { type: 'SUBTABLE', code: 'history', fields: { h_at: text('h_at', 'At') } },
  },
  spaces: ['old_space'],
};

describe('the form as the settings screen offers it', () => {
  const model = liveOnly(preview, live);

  it('offers only live fields, tables, columns and Spaces, also to the server-side mapping check', () => {
    expect(model.fields.map((f) => f.code)).toEqual(['email']);
    expect(model.tables).toEqual([
      { code: 'history', label: 'History', columns: [expect.objectContaining({ code: 'h_at' })] },
    ]);
    expect(model.spaces).toEqual(['old_space']);
    expect(Object.keys(model.properties)).toEqual(['email', 'history']);
    expect(Object.keys(model.properties.history!.fields!)).toEqual(['h_at']);
  });

  it('lists what is only in the pre-live form', () => {
    expect(model.notLive).toEqual([
      { code: 'mkto_status', label: 'Email status', kind: 'field' },
      { code: 'mkto_history', label: 'Marketo history', kind: 'table' },
      { code: 'h_new', label: 'New column', kind: 'field' },
      { code: 'mkto_panel', label: 'mkto_panel', kind: 'space' },
    ]);
  });

  it('lists nothing when everything is live', () => {
    const all = { properties: preview.properties, spaces: preview.spaces };
    expect(liveOnly(preview, all)).toEqual({ ...preview, notLive: [] });
  });
});
