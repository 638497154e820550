import { kintone, onRecordShow } from '../common/kintone';
import { mountPanel } from '../panel/mount';

// kintone.$PLUGIN_ID is only defined while this file is first executed.
const PLUGIN_ID = kintone().$PLUGIN_ID;

onRecordShow('app.record.detail.show', (event) => {
  const { record } = kintone().app;
  mountPanel(PLUGIN_ID, event.record, {
    variant: 'desktop',
    space: (id) => record.getSpaceElement(id),
    fallback: () => record.getHeaderMenuSpaceElement(),
    setFieldShown: (code, shown) => record.setFieldShown(code, shown),
  });
  return event;
});
