import { ADMINISTRATOR } from './auth';
import { addRecords } from './records';
import { DEMO_DIRECTORY } from './directory';
import type { AppDefinition, Store } from './store';
import type { DemoInfo, FieldProperty, InSubtableFieldProperty, LayoutRow } from './types';
import { formatDateTime } from './values';

export const MKTO_STATUSES = ['not sent', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed'] as const;

const text = (code: string, label: string, extra: { unique?: boolean } = {}): InSubtableFieldProperty => ({
  type: 'SINGLE_LINE_TEXT',
  code,
  label,
  ...extra,
});
const dateTime = (code: string, label: string): InSubtableFieldProperty => ({ type: 'DATETIME', code, label });
const count = (code: string, label: string): InSubtableFieldProperty => ({
  type: 'NUMBER',
  code,
  label,
  defaultValue: '0',
});

const historyColumns: InSubtableFieldProperty[] = [
  dateTime('mkto_h_at', 'When'),
  text('mkto_h_type', 'Activity'),
  text('mkto_h_email', 'Email'),
  text('mkto_h_subject', 'Subject'),
  text('mkto_h_link', 'Link'),
  text('mkto_h_campaign', 'Campaign'),
  { type: 'MULTI_LINE_TEXT', code: 'mkto_h_snippet', label: 'Reply' },
  text('mkto_h_form', 'Form'),
  text('mkto_h_key', 'Event key'),
];

const fields: FieldProperty[] = [
  text('company', 'Company'),
  text('contact_name', 'Contact name'),
  { type: 'LINK', code: 'email', label: 'Email', protocol: 'MAIL', unique: true },
  text('marketo_lead_id', 'Marketo lead ID', { unique: true }),
  { type: 'USER_SELECT', code: 'owner', label: 'Account owner' },
  { type: 'DROP_DOWN', code: 'mkto_status', label: 'Email status', options: MKTO_STATUSES, defaultValue: 'not sent' },
  dateTime('mkto_first_opened', 'First opened'),
  dateTime('mkto_last_opened', 'Last opened'),
  count('mkto_open_count', 'Opens'),
  dateTime('mkto_last_clicked', 'Last clicked'),
  count('mkto_click_count', 'Clicks'),
  dateTime('mkto_last_replied', 'Last replied'),
  count('mkto_reply_count', 'Replies'),
  dateTime('mkto_last_visited', 'Last visited'),
  count('mkto_visit_count', 'Visits'),
  dateTime('mkto_last_form', 'Last form'),
  count('mkto_form_count', 'Forms'),
  { type: 'NUMBER', code: 'mkto_score', label: 'Engagement score' },
  {
    type: 'SUBTABLE',
    code: 'mkto_history',
    label: 'Marketo email history',
    fields: Object.fromEntries(historyColumns.map((c) => [c.code, c])),
  },
];

const cell = (
  type: 'SINGLE_LINE_TEXT' | 'LINK' | 'DROP_DOWN' | 'DATETIME' | 'NUMBER' | 'USER_SELECT',
  code: string,
  width = '193',
) => ({ type, code, size: { width } }) as const;

const layout: LayoutRow[] = [
  { type: 'ROW', fields: [cell('SINGLE_LINE_TEXT', 'company', '300'), cell('SINGLE_LINE_TEXT', 'contact_name')] },
  { type: 'ROW', fields: [cell('LINK', 'email', '300'), cell('SINGLE_LINE_TEXT', 'marketo_lead_id')] },
  { type: 'ROW', fields: [cell('USER_SELECT', 'owner', '300'), cell('DROP_DOWN', 'mkto_status')] },
  {
    type: 'ROW',
    fields: [
      cell('DATETIME', 'mkto_first_opened'),
      cell('DATETIME', 'mkto_last_opened'),
      cell('NUMBER', 'mkto_open_count', '100'),
    ],
  },
  { type: 'ROW', fields: [cell('DATETIME', 'mkto_last_clicked'), cell('NUMBER', 'mkto_click_count', '100')] },
  { type: 'ROW', fields: [cell('DATETIME', 'mkto_last_replied'), cell('NUMBER', 'mkto_reply_count', '100')] },
  { type: 'ROW', fields: [cell('DATETIME', 'mkto_last_visited'), cell('NUMBER', 'mkto_visit_count', '100')] },
  { type: 'ROW', fields: [cell('DATETIME', 'mkto_last_form'), cell('NUMBER', 'mkto_form_count', '100')] },
  { type: 'ROW', fields: [cell('NUMBER', 'mkto_score', '100')] },
  { type: 'ROW', fields: [{ type: 'SPACER', elementId: 'mkto_panel', size: { width: '640', height: '240' } }] },
  {
    type: 'SUBTABLE',
    code: 'mkto_history',
    fields: [
      cell('DATETIME', 'mkto_h_at'),
      cell('SINGLE_LINE_TEXT', 'mkto_h_type', '100'),
      cell('SINGLE_LINE_TEXT', 'mkto_h_email'),
      cell('SINGLE_LINE_TEXT', 'mkto_h_subject', '250'),
      cell('SINGLE_LINE_TEXT', 'mkto_h_link', '250'),
      cell('SINGLE_LINE_TEXT', 'mkto_h_campaign'),
      { type: 'MULTI_LINE_TEXT', code: 'mkto_h_snippet', size: { width: '250', innerHeight: '60' } },
      cell('SINGLE_LINE_TEXT', 'mkto_h_form'),
      cell('SINGLE_LINE_TEXT', 'mkto_h_key'),
    ],
  },
];

/** [company, contact, email]; the "+" and apostrophe addresses are valid and stress query quoting. */
export const DEMO_CUSTOMERS: ReadonlyArray<readonly [string, string, string]> = [
  ['Sakura Trading Co., Ltd.', '山田 太郎', 'taro.yamada@example.co.jp'],
  ['Hikari Logistics K.K.', '佐藤 花子', 'hanako.sato+news@example.jp'],
  ['Northwind Traders', "Patrick O'Brien", "o'brien@example.com"],
  ['株式会社みどり製作所', '鈴木 一郎', 'ichiro.suzuki@example.co.jp'],
  ['Fuji Precision Industries', '高橋 美咲', 'misaki.takahashi@example.co.jp'],
  ['Contoso Pharmaceuticals', 'Emily Clarke', 'emily.clarke@example.com'],
  ['Aozora Foods Inc.', '田中 健太', 'kenta.tanaka@example.jp'],
  ['Kaede Software', '伊藤 さくら', 'sakura.ito@example.co.jp'],
  ['Fabrikam Manufacturing', 'Lukas Schneider', 'lukas.schneider@example.net'],
  ['株式会社はやて運輸', '渡辺 大輔', 'daisuke.watanabe@example.co.jp'],
  ['Nagoya Ceramics Ltd.', '中村 陽子', 'yoko.nakamura@example.jp'],
  ['Tailspin Toys', 'Olivia Martin', 'olivia.martin@example.org'],
  ['Umi Marine Products', '小林 翔', 'sho.kobayashi@example.co.jp'],
  ['Hokuto Electric Co.', '加藤 由美', 'yumi.kato@example.co.jp'],
  ['Adventure Works Cycles', 'Carlos Fernández', 'carlos.fernandez@example.com'],
  ['株式会社ひまわり不動産', '吉田 拓海', 'takumi.yoshida@example.jp'],
  ['Kyoto Textile Works', '山本 彩', 'aya.yamamoto@example.co.jp'],
  ['Wide World Importers', 'Priya Sharma', 'priya.sharma@example.net'],
  ['Shinsei Medical Devices', '松本 直樹', 'naoki.matsumoto@example.co.jp'],
  ['Tsubasa Aerospace K.K.', '井上 真由美', 'mayumi.inoue@example.jp'],
  ['Litware Analytics', 'Noah Williams', 'noah.williams@example.com'],
  ['株式会社こだま食品', '木村 亮', 'ryo.kimura@example.co.jp'],
  ['Sendai Agri Tech', '林 美穂', 'miho.hayashi@example.jp'],
  ['Proseware Consulting', 'Sophie Dubois', 'sophie.dubois@example.org'],
  ['Kobe Steel Fabrication', '清水 健一', 'kenichi.shimizu@example.co.jp'],
  ['Midori Cosmetics', '山崎 愛', 'ai.yamazaki@example.co.jp'],
  ['Blue Yonder Airlines', 'James Anderson', 'james.anderson@example.com'],
  ['株式会社あおば建設', '森 誠', 'makoto.mori@example.jp'],
  ['Hakata Ramen Holdings', '池田 舞', 'mai.ikeda@example.co.jp'],
  ['Coho Winery', 'Isabella Rossi', 'isabella.rossi@example.net'],
  ['Yokohama Port Services', '橋本 大地', 'daichi.hashimoto@example.jp'],
  ['Shirakawa Paper Mills', '阿部 千尋', 'chihiro.abe@example.co.jp'],
  ['Trey Research', 'Mei Chen', 'mei.chen@example.com'],
  ['株式会社すばる精機', '石川 剛', 'tsuyoshi.ishikawa@example.co.jp'],
  ['Okinawa Resort Partners', '前田 ひかり', 'hikari.maeda@example.jp'],
  ['Lucerne Publishing', 'Anna Müller', 'anna.mueller@example.org'],
  ['Tohoku Power Systems', '藤田 浩二', 'koji.fujita@example.co.jp'],
  ['Hanabi Entertainment', '小川 結衣', 'yui.ogawa+events@example.co.jp'],
  ['Graphic Design Institute', 'Daniel Kim', 'daniel.kim@example.com'],
  ['株式会社かがやき電機', '後藤 聡', 'satoshi.goto@example.jp'],
  ['Matsuyama Citrus Co.', '岡田 恵', 'megumi.okada@example.co.jp'],
  ['Humongous Insurance', 'Grace Thompson', 'grace.thompson@example.net'],
  ['Asahi Robotics', '長谷川 悠', 'yu.hasegawa@example.co.jp'],
  ['Izumi Dental Clinic Group', '村上 直子', 'naoko.murakami@example.jp'],
  ['Alpine Ski House', 'Mateo García', 'mateo.garcia@example.com'],
  ['株式会社ながれ物流', '近藤 隼人', 'hayato.kondo@example.co.jp'],
  ['Sapporo Dairy Farms', '坂本 玲奈', 'rena.sakamoto@example.jp'],
  ['Margie’s Travel', "Siobhan D'Arcy", 'siobhan.darcy@example.org'],
  ['Kanazawa Lacquerware', '遠藤 颯太', 'sota.endo@example.co.jp'],
  ['Woodgrove Bank', 'Ethan Brown', 'ethan.brown@example.com'],
  ['株式会社にじいろ保育', '青木 桃子', 'momoko.aoki@example.jp'],
  ['Chiba Chemical Works', '藤井 修', 'osamu.fujii@example.co.jp'],
  ['Fourth Coffee', 'Chloé Lefebvre', 'chloe.lefebvre@example.net'],
  ['Hiroshima Auto Parts', '西村 美香', 'mika.nishimura@example.co.jp'],
  ['Nara Heritage Tours', '福田 大樹', 'daiki.fukuda@example.jp'],
  ['Southridge Video', 'Liam O’Connor', 'liam.oconnor@example.com'],
  ['株式会社ほしぞら出版', '太田 沙織', 'saori.ota@example.co.jp'],
  ['Shizuoka Tea Estates', '三浦 蓮', 'ren.miura@example.jp'],
  ['VanArsdel Ltd.', 'Hannah Becker', 'hannah.becker@example.org'],
  ['Kumamoto Semiconductor', '藤原 陸', 'riku.fujiwara@example.co.jp'],
  ['Awa Indigo Crafts', '岡本 さやか', 'sayaka.okamoto@example.jp'],
  ['Relecloud', 'Ava Johnson', 'ava.johnson@example.com'],
  ['株式会社たいよう薬局', '松田 翼', 'tsubasa.matsuda@example.co.jp'],
  ['Niigata Rice Brewers', '中島 香織', 'kaori.nakajima@example.co.jp'],
];

const HOUR = 3_600_000;

/** The sales reps of the demo directory; every fourth customer has no owner yet. */
const OWNERS = DEMO_DIRECTORY.users.filter((u) => u.code !== 'Administrator').map((u) => u.code);

/** The demo customer's account owner (a user code), or undefined. */
export function demoOwnerOf(index: number): string | undefined {
  return index % 4 === 3 ? undefined : OWNERS[index % OWNERS.length];
}

/** The "Customers" app's fields and layout, without records (the benchmark copies it for its baseline). */
export function demoAppDefinition(): AppDefinition {
  return { name: 'Customers', properties: Object.fromEntries(fields.map((f) => [f.code, f])), layout };
}

const demoOwner = (index: number): Array<{ code: string }> => {
  const code = demoOwnerOf(index);
  return code ? [{ code }] : [];
};

/**
 * Creates the "Customers" demo app (id "1" in a fresh store), its records and three tokens.
 * Customers start untouched ("not sent", no history): engagement is what the product writes. Most have an account
 * owner from the demo directory, whom alerts mention.
 */
export function seedDemo(store: Store): DemoInfo {
  const app = store.createApp(demoAppDefinition());
  const records = DEMO_CUSTOMERS.map(([company, contact, email], index) => {
    const leadId = String(1001 + index);
    // Fixed dates, so every start seeds the same data.
    const created = formatDateTime(Date.UTC(2025, 2, 1) + index * HOUR);
    return {
      company: { value: company },
      contact_name: { value: contact },
      email: { value: email },
      marketo_lead_id: { value: leadId },
      owner: { value: demoOwner(index) },
      Created_datetime: { value: created },
      Updated_datetime: { value: created },
    };
  });
  addRecords(app, records, { user: ADMINISTRATOR, directory: store.directory });
  const demo: DemoInfo = {
    appId: app.id,
    fullToken: store.createToken(app.id, { view: true, add: true, edit: true }),
    viewOnlyToken: store.createToken(app.id, { view: true, add: false, edit: false }),
    noEditToken: store.createToken(app.id, { view: true, add: true, edit: false }),
  };
  store.demo = demo;
  store.onChange();
  return demo;
}

/**
 * A Japanese customer app whose codes are not the demo's (顧客管理): company, contact and a unique email
 * link, the summary fields and a history table 配信履歴 named as a Japanese admin would name them, a Space.
 */
export function japaneseCustomerAppDefinition(): AppDefinition {
  const jaColumns: InSubtableFieldProperty[] = [
    dateTime('rireki_nichiji', '日時'),
    text('rireki_shubetsu', '種別'),
    text('rireki_mail', 'メール名'),
    text('rireki_kenmei', '件名'),
    { type: 'LINK', code: 'rireki_link', label: 'クリックされたリンク', protocol: 'WEB' },
    text('rireki_campaign', 'キャンペーン'),
    { type: 'MULTI_LINE_TEXT', code: 'rireki_henshin', label: '返信内容' },
    text('rireki_key', 'イベントキー'),
  ];
  const properties: FieldProperty[] = [
    text('kaisha', '会社名'),
    text('tantousha', '担当者名'),
    { type: 'LINK', code: 'mail_address', label: 'メールアドレス', protocol: 'MAIL', unique: true },
    text('denwa', '電話番号'),
    {
      type: 'DROP_DOWN',
      code: 'haishin_status',
      label: 'メール配信ステータス',
      options: ['未送信', '送信済み', '配信済み', '開封', 'クリック', 'バウンス', '配信停止'],
      defaultValue: '未送信',
    },
    dateTime('shokai_kaifu', '初回開封日時'),
    dateTime('saishu_kaifu', '最終開封日時'),
    count('kaifu_kaisu', '開封回数'),
    dateTime('saishu_click', '最終クリック日時'),
    count('click_kaisu', 'クリック回数'),
    dateTime('saishu_henshin', '最終返信日時'),
    count('henshin_kaisu', '返信回数'),
    count('uriage', '売上見込み'),
    dateTime('jikai_houmon', '次回訪問日時'),
    {
      type: 'SUBTABLE',
      code: 'haishin_rireki',
      label: '配信履歴',
      fields: Object.fromEntries(jaColumns.map((c) => [c.code, c])),
    },
  ];
  return {
    name: '顧客管理',
    properties: Object.fromEntries(properties.map((f) => [f.code, f])),
    layout: [
      ...properties
        .filter((f) => f.type !== 'SUBTABLE')
        .map((f): LayoutRow => ({ type: 'ROW', fields: [cell(f.type as 'SINGLE_LINE_TEXT', f.code)] })),
      { type: 'ROW', fields: [{ type: 'SPACER', elementId: 'marketo_panel', size: { width: '600', height: '200' } }] },
      {
        type: 'SUBTABLE',
        code: 'haishin_rireki',
        fields: jaColumns.map((c) => ({ type: c.type, code: c.code, size: { width: '150' } })) as never,
      },
    ],
  };
}

/** A customer app with only company, contact and email (no engagement fields yet), labels in Japanese. */
export function basicCustomerAppDefinition(): AppDefinition {
  const properties: FieldProperty[] = [
    text('company_name', '会社名'),
    text('contact', '担当者名'),
    { type: 'LINK', code: 'mail', label: 'メールアドレス', protocol: 'MAIL', unique: true },
  ];
  return { name: '顧客リスト', properties: Object.fromEntries(properties.map((f) => [f.code, f])) };
}
