import { kintone, onRecordShow } from '../common/kintone';
import { mountPanel } from '../panel/mount';

// kintone.$PLUGIN_ID is only defined while this file is first executed.
const PLUGIN_ID = kintone().$PLUGIN_ID;

onRecordShow('mobile.app.record.detail.show', (event) => {
  const { app } = kintone().mobile;
  mountPanel(PLUGIN_ID, event.record, {
    variant: 'mobile',
    space: (id) => app.record.getSpaceElement(id),
    fallback: () => app.getHeaderSpaceElement(),
    setFieldShown: (code, shown) => app.record.setFieldShown(code, shown),
  });
  return event;
});
