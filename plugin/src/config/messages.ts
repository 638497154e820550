import type { Catalog } from '../common/i18n';

const en = {
  pageTitle: 'Marketo email engagement: settings',
  pageIntro:
    'Choose where Marketo email engagement is written in this app, connect the server, then copy the Marketo setup. Only fields that are live in the app can be chosen: fields added in the form but not applied yet with Update App are listed under "Fields of this app".',
  loading: 'Loading the form of this app…',
  loadFailed: 'The form of this app could not be read: {detail}',
  migrated: 'These settings were saved by an older version of the plug-in and have been upgraded. Check them and save.',
  savedInvalid: 'The saved settings could not be read ({detail}); the defaults are shown instead.',
  required: 'Required',
  optional: 'Optional',

  'section.lead': 'Customer record',
  'section.summary': 'Summary fields',
  'section.history': 'History table',
  'section.events': 'Events to record',
  'section.panel': 'Panel on the record screen',
  'section.connection': 'Server connection',
  'section.marketo': 'Marketo setup',

  leadSource: 'Find the customer record by',
  'leadSource.email': 'Email address',
  'leadSource.leadId': 'Marketo lead ID',
  leadField: 'Field that holds it',
  'leadFieldHelp.email':
    'A Link field set to Email address, or a Text field. A field that prohibits duplicate values (marked "no duplicates") finds exactly one record.',
  'leadFieldHelp.leadId': 'A Text or Number field. A field that prohibits duplicate values finds exactly one record.',
  uniqueMark: 'no duplicates',
  notUnique:
    'This field allows duplicate values, so one event can match several records. Choose below what happens then.',
  multiple: 'When several records match',
  'multiple.all': 'Update all of them',
  'multiple.newest': 'Update only the most recently created one',
  'multiple.skip': 'Update none (counted as unmatched)',

  summaryIntro:
    'Optional. Views, filters and graphs can use these fields; the panel reads them too. Leave a slot empty to not record it.',
  'slot.status': 'Status',
  'slot.openCount': 'Open count',
  'slot.firstOpened': 'First opened',
  'slot.lastOpened': 'Last opened',
  'slot.clickCount': 'Click count',
  'slot.lastClicked': 'Last clicked',
  'slot.lastBounced': 'Last bounced',
  'slot.unsubscribed': 'Unsubscribed at',
  'slot.lastReplied': 'Last replied',
  'slot.replyCount': 'Reply count',
  'slot.lastVisited': 'Last visited',
  'slot.visitCount': 'Visit count',
  'slot.lastFormFilled': 'Last form filled',
  'slot.formCount': 'Form fill count',
  'slot.score': 'Engagement score',
  notRecorded: '(not recorded)',
  chooseField: '(choose a field)',
  statusValues: 'Status values',
  'statusValuesHelp.options': 'Choose which option of "{field}" stands for each status.',
  'statusValuesHelp.text': 'The text written to "{field}" for each status.',
  'status.notSent': 'Not sent',
  'status.sent': 'Sent',
  'status.delivered': 'Delivered',
  'status.opened': 'Opened',
  'status.clicked': 'Clicked',
  'status.bounced': 'Bounced',
  'status.unsubscribed': 'Unsubscribed',

  historyIntro: 'Each event becomes one row of this table, newest first.',
  table: 'Table',
  'column.occurredAt': 'Date and time',
  'column.type': 'Event type',
  'column.emailName': 'Email name',
  'column.subject': 'Subject',
  'column.link': 'Clicked link',
  'column.campaign': 'Campaign',
  'column.snippet': 'Reply text',
  'column.formName': 'Form',
  'column.eventKey': 'Event key',
  eventKeyHelp: 'Holds an ID per event, so an event Marketo sends twice is written once.',
  maxRows: 'Keep at most',
  maxRowsUnit: 'rows (1 to 1000).',
  maxRowsHelp:
    'When the table is full, a new row takes the place of the row that matters least: sends and deliveries go first, then opens, then clicks, bounces and unsubscribes, replies last; within a kind the oldest first. A flood of opens never pushes out a click or a reply. An event that would itself be the first to go is not written (counted as "Not kept"), and the summary fields still count every event written.',

  eventTypes: 'Record these events',
  'type.send': 'Sent',
  'type.delivered': 'Delivered',
  'type.open': 'Opened',
  'type.click': 'Clicked a link',
  'type.bounce': 'Bounced',
  'type.unsubscribe': 'Unsubscribed',
  'type.reply': 'Replied',
  'type.visit': 'Visited a web page',
  'type.form': 'Filled out a form',
  triggerHint: 'Marketo trigger: {trigger}',
  replyHint:
    'Not from Marketo: replies arrive by email once the person who runs the server has set up the address replies go to. Ask them before you tick this.',
  ignoreBots: 'Ignore bot activity',
  ignoreBotsHelp:
    'Opens and clicks that Marketo marks as bot activity (mail security scanners) are not recorded: the campaigns get the constraint "Is Bot Activity = False".',
  timeZone: 'Time zone of the Marketo subscription',
  timeZoneHelp:
    "In Marketo: Admin > Location, the subscription's Time Zone (not your own user's). Marketo sends the time of each event ({{system.dateTime}}) in that zone, without saying which.",

  placement: 'Where to show it',
  'placement.space': 'In a Space field',
  'placement.headerMenu': 'Above the record (header space)',
  spaceField: 'Space field (element ID)',
  placementHelp: 'The same place is used on mobile. If the Space field is missing, the panel goes above the record.',
  hideHistoryTableRow: 'History table on the record screen',
  hideHistoryTable: 'Hide the history table where the panel is shown (recommended)',
  hideHistoryTableHelp:
    'The panel shows the same rows, grouped by email. The table stays in the app: it is still edited, searched and exported as before, and shown again if the panel cannot be shown.',

  connectionIntro:
    "The server receives the webhooks from Marketo and writes to this app. Nothing that can change anything is stored in kintone: type the admin secret each time you register or send a test event. The API token goes to the server only when you type it, and the server keeps it encrypted. The plug-in keeps only a read-only status key, so this screen can show the status; any app user could read this app's counters with it, nothing more.",
  serverUrl: 'Server URL',
  serverUrlHelp:
    'The address of the server, from the person who runs it. For example https://abc123.execute-api.ap-northeast-1.amazonaws.com/prod',
  adminSecret: 'Admin secret',
  adminSecretHelp:
    'The admin secret of your server deployment. Needed to register, to issue a new webhook secret and to send a test event; it is never stored.',
  apiToken: 'kintone API token',
  apiTokenHelp:
    'Create it in App Settings > API Token with only "View records" and "Edit records", save, then Update App. Needed the first time; later, leave it empty to keep the token the server holds.',
  register: 'Register with the server',
  registering: 'Registering…',
  registered:
    'Registered. The webhook secret is unchanged (it was shown when it was issued). If Marketo does not have it, issue a new one.',
  secretIssued:
    'Registered. Copy the webhook secret in the Marketo setup below into Marketo now: it is shown only this once.',
  rotateSecret: 'Issue a new webhook secret',
  rotating: 'Issuing…',
  rotateConfirm:
    "Marketo's calls will be refused until its X-Webhook-Secret header has the new secret. Issue a new secret now?",
  serverStatus: 'Server status',
  refresh: 'Refresh',
  'count.accepted': 'Received',
  'count.written': 'Written',
  'count.duplicates': 'Duplicates',
  'count.unmatched': 'No matching record',
  'count.filtered': 'Left out',
  'count.failed': 'Failed',
  'count.deferred': 'Deferred to tomorrow',
  'count.trimmed': 'Not kept (history full)',
  requestsToday: 'kintone API requests this server used for this app today: {count} (kintone allows 10,000 a day)',
  lastEvent: 'Last event {when}',
  reconciledUntil: "Checked against Marketo's activity log up to {when} (every hour, for webhooks that never arrived)",
  lastRescore:
    'Engagement scores last updated {when} (daily): {examined} records read, {changed} rewritten, {requests} kintone requests.',
  'lastRescore.budget': "It stopped early, at today's kintone request limit: the rest is updated by the next run.",
  'lastRescore.time': 'It stopped early, out of time: the rest is updated by the next run.',
  'lastRescore.error': 'It stopped because of a problem; it runs again tomorrow.',
  noEvents: 'No events received yet.',
  lastError: 'Last error ({when}): {message}',
  earlierError:
    'An earlier problem ({when}), probably resolved: events have been written since. What it was: {message}',
  // The status box's last error, by the code the server sent (contract/src/last-error): what happened, what to do
  'lastError.budget_used':
    "This app used up today's kintone requests for this server: events wait and are written after 9:00 (Japan time). Nothing to do; if it happens every day, ask the person who runs the server to raise the daily limit.",
  'lastError.app_not_registered':
    'The server has no registration for this app, so events were not written. Register the app again under "Server connection".',
  'lastError.app_disabled':
    'This app is turned off on the server, so events are not written. Ask the person who runs the server; registering again from this screen turns it back on.',
  'lastError.registry_unreadable':
    'The server could not read its records of this app; the events are tried again by themselves. If this stays, tell the person who runs the server.',
  'lastError.domain_not_served':
    'The server no longer serves this kintone, so nothing is written. Ask the person who runs the server.',
  'lastError.token_unreadable':
    'The server could not open the API token it keeps for this app. Type the API token under "Server connection" and Register again.',
  'lastError.kintone_refused_token':
    'kintone refused the API token: issue a new token with "View records" and "Edit records" (App Settings > API Token, save, Update App), type it under "Server connection" and Register again.',
  'lastError.kintone_refused_app':
    'kintone says this app does not exist for this server (deleted, or moved to another kintone). Open the plug-in settings of the app in use and Register again.',
  'lastError.kintone_guest_space':
    'This app is in a guest space: open its plug-in settings from inside the guest space and Register again.',
  'lastError.kintone_refused':
    "kintone refused the server's request. The details below say why; check the fields chosen on this screen, or pass the details on to the person who runs the server.",
  'lastError.kintone_unreachable':
    "The server could not reach kintone (maintenance, or a network problem); the events are tried again by themselves. If this stays and your kintone limits access by IP address, ask your kintone administrator to allow the server's address.",
  'lastError.fields_changed':
    'A field chosen on this screen is no longer in the app (deleted, or its field code changed). Restore the field, or choose the fields again here and Save.',
  'lastError.records_invalid':
    'kintone refused the values written to some records (for example a field made required, or a length limit). Check the settings of the fields named in the details; events of those records are set aside.',
  'lastError.write_conflict':
    'Records kept changing while the server wrote to them, so some events were not written this time; they are tried again by themselves. Nothing to do unless this keeps happening.',
  'lastError.write_failed':
    'The server could not write events to kintone; they are tried again by themselves. If this stays, pass the details on to the person who runs the server.',
  'lastError.alert_refused':
    "kintone refused an alert comment to the account owner (the details say why: for example comments are turned off in the app, or the owner's user no longer exists). The events themselves were written; correct the app or the owner field, and the next alerts are posted.",
  'lastError.rescore_failed':
    'The daily update of the engagement scores stopped; it runs again tomorrow. If this stays, pass the details on to the person who runs the server.',
  'lastError.reconcile_failed':
    "The hourly check against Marketo's activity log stopped; it starts again at the next run. If this stays, pass the details on to the person who runs the server.",
  'lastError.marketo_quota':
    "Marketo's daily API limit is used up, so the hourly check against Marketo's activity log waits until the limit resets. Nothing to do.",
  'lastError.marketo_refused':
    "Marketo refused the server's API credentials, so the hourly check against Marketo's activity log stopped. Ask the person who runs the server to check the Marketo API user.",
  'lastError.other':
    'Something failed on the server. If it keeps happening, pass the details below on to the person who runs the server.',
  statusIdle: 'Enter the server URL and the admin secret to see the status.',
  testTitle: 'Send a test event',
  testHelp:
    'Writes a test event to the customer record with this email address (or Marketo lead ID, as chosen under "Customer record"), then says what happened.',
  'testPlaceholder.email': 'customer@example.com',
  'testPlaceholder.leadId': '12345',
  sendTest: 'Send test event',
  sendingTest: 'Sending…',
  testResult: '{outcome}: {message}',
  needServerUrl: 'Enter the server URL first.',
  badServerUrl: 'Enter a URL that starts with https:// (http:// is allowed for localhost only).',
  needSecret: 'Enter the admin secret.',
  needLeadKey: 'Enter the email address (or Marketo lead ID) of a customer record to test with.',
  fixMappingFirst: 'Fix the settings above first; the server is registered with them.',
  'error.network': 'Could not reach the server at {url}. Check the server URL with the person who runs the server.',
  'error.unauthorized':
    'The server refused the admin secret. Check it with the person who runs the server and type it again.',
  'error.forbidden':
    'The server URL {url} seems incomplete. Check it with the person who runs the server (it usually ends with /prod or /dev).',
  'error.refused': 'The server refused the request: {detail}',
  'error.notFound':
    'There is no server of this plug-in at {url}. Check the server URL with the person who runs the server.',
  'error.notRegistered': 'This app is not registered with the server yet: press "Register with the server".',
  'error.invalid': 'The server did not accept the settings:',
  'error.server':
    'The server could not do this (error {status}). Try again later, or tell the person who runs the server.',
  'error.badResponse': 'The server gave an unexpected answer (error {status}). Check the server URL.',

  marketoIntro: 'Do this once in Marketo. The values to paste have a copy button.',
  webhookStep: '1. Create the webhook: Admin > Integration > Webhooks > New Webhook',
  webhookName: 'Webhook Name',
  url: 'URL',
  urlPending: '(register with the server to get the URL)',
  requestType: 'Request Type',
  template: 'Template',
  encoding: 'Request Token Encoding',
  encodingHelp:
    'Marketo encodes each value itself: the template has no quotes, and a "+" in an email address arrives intact.',
  responseType: 'Response type',
  none: 'None',
  headerStep:
    '2. Add both custom headers: select the webhook, then Webhook Actions > Set Custom Header, one row per header',
  headerName: 'Header',
  headerValue: 'Value',
  secretPending: '(shown once, when the server issues it: register the app, or issue a new webhook secret)',
  campaignStep:
    '3. Create one trigger smart campaign per event type: Marketing Activities > New Smart Campaign. Then Activate each one.',
  campaignName: 'Campaign name',
  smartList: 'Smart List',
  trigger: 'Trigger',
  constraint: 'Constraint',
  flow: 'Flow',
  callWebhook: 'Call Webhook',
  schedule: 'Schedule',
  everyTime: 'Qualification rules: each person can run through the flow every time',
  noEventTypes: 'Choose at least one event type above.',
  replyNoCampaign: 'Replies need no smart campaign: they reach the server by email.',
  campaignWebPage: 'Web Page',
  campaignWebPageContains: 'contains',
  campaignWebPageHelp:
    'In the trigger, set Web Page to "contains" and add each pattern (Marketo runs the campaign when the page address contains any of them). Where Marketo offers only "is", pick the matching pages. The server records only these pages either way.',
  campaignNoPages:
    'No pages chosen yet: add the pages whose visits are recorded under "Events to record". Until then no visit is recorded, so do not create this campaign yet.',
  campaignForm: 'Form',
  campaignAnyForm: 'is any',
  campaignFormHelp: 'Or pick only the forms that matter to sales.',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed: select the text and copy it',

  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  fixProblems: 'Fix these before saving:',
  registerBeforeSave: 'The settings were not saved because registering them with the server failed:',
  saveWithoutRegistering: 'Save without registering',

  'error.required': 'Choose a field.',
  'error.missingField': 'The field "{code}" is no longer on the form.',
  'error.unfitField': '"{code}" is a {type} field, which does not fit here.',
  'error.computed': '"{code}" is calculated by kintone and cannot be written.',
  'error.wrongLink': '"{code}" is a link of the wrong kind; it must be {type}.',
  'error.duplicate': '"{code}" is also chosen for "{other}". Each field can hold one value.',
  'error.statusLabel': 'Choose the value for this status.',
  'error.statusNotOption': '"{label}" is not an option of "{code}".',
  'error.statusTwice': '"{label}" is used for two statuses; each status needs its own value.',
  'error.tableRequired': 'Choose the history table.',
  'error.maxRows': 'Enter a whole number from 1 to 1000.',
  'error.eventTypes': 'Choose at least one event type.',
  'error.timeZone': 'Enter a time zone such as Asia/Tokyo or America/Chicago.',
  'error.space': 'Choose a Space field, or show the panel above the record.',
  'error.spaceMissing': 'The Space field "{code}" is no longer on the form.',

  'why.noneOfType':
    'No field fits: this needs a {types} field and the form has none. Add one in Form settings, save the form, then reopen this screen.',
  'why.onlyUnfit': 'No field fits. Fields of a fitting type that cannot be used:',
  'why.computed': 'calculated by kintone',
  'why.protocol': 'link of the wrong kind',
  'why.chooseTable': 'Choose the history table first.',
  'why.noTable':
    'The form has no Table. Add a Table with a Date and time column and two Text columns (event type and event key), save the form, then reopen this screen.',
  'why.noSpace':
    'The form has no Space field with an element ID. Add a Space field and give it an element ID in Form settings, or show the panel above the record.',

  'fieldType.SINGLE_LINE_TEXT': 'Text',
  'fieldType.MULTI_LINE_TEXT': 'Text area',
  'fieldType.NUMBER': 'Number',
  'fieldType.DATETIME': 'Date and time',
  'fieldType.DROP_DOWN': 'Drop-down',
  'fieldType.RADIO_BUTTON': 'Radio button',
  'fieldType.LINK': 'Link',
  'fieldType.LINK.MAIL': 'Link (email address)',
  'fieldType.LINK.WEB': 'Link (web address)',
  listSeparator: ', ',
  or: ' or ',
  // Connection feedback, test-event outcomes, server refusals by code, page navigation
  'nav.label': 'Sections of this page',
  footerNote:
    'Save checks the settings, registers them with the server (with the admin secret typed under "Server connection") and returns to the plug-in list.',
  registerHelp:
    'Register now to stay on this page: you then get the webhook URL and secret for the Marketo setup below and can send a test event. Save registers the same way, then leaves this page.',
  'secretCheck.checking': 'Checking with the server…',
  'secretCheck.verified': 'Verified: the server accepts this admin secret.',
  'secretCheck.refused': 'Refused: the server does not accept this admin secret.',
  'secretCheck.unknown': 'Not checked: the server could not be reached.',
  'error.secretRefused':
    'The server refused this admin secret. Check it with the person who runs the server and type it again.',
  secretIssuedOnSave:
    'Registered. Copy the webhook secret in the Marketo setup below into Marketo now (it is shown only this once), then press Save again.',
  errorDetails: 'Details for the person who runs the server',
  statusWhose: 'App {appId} on the server {server}',
  statusStale:
    'The server URL is being changed: these figures are from {server}. They refresh when you leave the field.',
  'sources.explain':
    '"Received" counts the calls Marketo made to the webhook (and replies by email). "Written" also counts events read from Marketo\'s activity log (the hourly check for missed webhooks, and imports of past activity), which never arrive as webhook calls, so it can be higher.',
  'sources.written': 'Written, by where the events came from:',
  'source.webhook': 'Marketo webhook calls',
  'source.reconcile': "Marketo's activity log (hourly check, imports of past activity)",
  'source.test': 'Test events',
  'source.mail': 'Replies by email',
  sourceCount: '{source}: {count}',
  'outcome.written':
    'Written: a test event was added to the record whose "{field}" is {leadKey}. Open the record to see it.',
  'outcome.duplicate': 'Already there: this test event was written to the record before.',
  'outcome.trimmed': 'Not kept: the history table of the record is full of rows that matter more.',
  'outcome.unmatched':
    'No record has {leadKey} in "{field}". Check the value, and the field chosen under "Customer record".',
  'outcome.ambiguous':
    'Several records have {leadKey} in "{field}", and the settings say to update none of them (see "When several records match").',
  'outcome.filtered':
    'Not written: the settings record none of the test event\'s type. Tick "Opened" under "Events to record".',
  'outcome.failed':
    'kintone refused to write the test event. Check that the fields chosen above are in the app (App Settings > Update App), then try again.',
  'outcome.failedBecause': 'The test event was not written (a test event is not tried again). {reason}',
  'outcome.other': 'The server answered: {outcome}',
  'code.app_id_taken':
    'The server already connects this app ID to another kintone. Ask the person who runs the server to move it.',
  'code.not_served': 'The server no longer serves this kintone. Ask the person who runs the server.',
  'code.budget_used':
    "This app has used up today's kintone requests for this server. Try again after 9:00 (Japan time).",
  'code.kintone_unreachable':
    "The server could not reach kintone. If your kintone limits access by IP address, ask your kintone administrator to allow the server's address (the person who runs the server has it).",
  'code.registry_unavailable':
    'The server could not read its records; nothing was changed. Try again later, or tell the person who runs the server.',
  'code.vault_unavailable': 'The server could not open the API token it keeps. Type the API token and register again.',
  'code.weak_admin_secret':
    "The server's admin secret is too weak, so the server refuses to work. Ask the person who runs the server to set a longer one.",
  'problem.api_token_required': 'Type the API token: the server needs it the first time.',
  'problem.api_token_rights':
    'The API token must allow "View records" and "Edit records". Change it in App Settings > API Token, save, click Update App, then register again.',
  'problem.api_token_refused':
    'kintone does not accept this API token. Copy it again from App Settings > API Token, and check that it was saved and the app updated.',
  'problem.app_refused': 'kintone refused this app for this API token. Check that the token was made in this app.',
  'problem.guest_space':
    'This app is in a guest space: open its plug-in settings from inside the guest space and register again.',
  'problem.kintone_proxy':
    'Something in front of kintone answered instead of kintone (maintenance, or a proxy). Try again later.',
  'problem.kintone_url': 'The server does not serve this kintone. Ask the person who runs the server to add it.',
  'problem.mapping':
    'The server cannot use this with the app as it is deployed. Click Update App in the app settings, then register again.',
  // Matching a first setup to the app's fields, and adding the missing ones
  'fields.title': 'Fields of this app',
  'fields.matchedIntro': 'These settings were matched to fields of this app. Please check them:',
  'fields.matchedSummary': '{count} settings were matched to fields of this app: check them',
  'fields.how.label': 'same name',
  'fields.how.code': 'same field code',
  'fields.how.only': 'the only field that fits',
  'fields.noneMatched': 'No field of this app was recognised for these settings.',
  'fields.missingIntro': 'This app lacks {count} fields the settings can use. The plug-in can add them for you:',
  'fields.complete': 'This app has every field the settings need.',
  'fields.add': 'Add the missing fields to this app',
  'fields.confirmIntro':
    'These will be added to the form, and the app will be updated (App Settings > Update App). No existing field is changed or removed:',
  'fields.inTable': 'column of {table}',
  'fields.space': 'Space for the panel (element ID {id})',
  'fields.confirm': 'Add these fields and update the app',
  'fields.cancel': 'Cancel',
  'fields.step.fields': 'Adding the fields…',
  'fields.step.layout': 'Placing them on the form…',
  'fields.step.deploy': 'Updating the app…',
  'fields.step.done': 'Done.',
  'fields.added':
    'Added {count} fields and updated the app. They are selected in the settings below; check them and click Save.',
  'fields.failed': 'The fields could not be added: {detail}',
  'fields.deployFailed':
    "kintone could not update the app: the fields were added to the app's settings but are not live yet, so nothing was chosen for them. Open the app settings and click Update App, then come back to this screen.",
  'fields.deployPending':
    'kintone is still updating the app: the fields are not live yet, so nothing was chosen for them. Come back to this screen in a few minutes.',
  'fields.notLive':
    "These are in the app's settings but not live yet, so nothing on this screen can use them. Open the app settings and click Update App, then come back to this screen:",
  'fields.notLive.space': 'Space (element ID {code})',
  'fields.clash': 'Someone changed the form meanwhile. Reload this page and try again.',
  'fields.noRights': "Your kintone account may not change this app's settings. Ask an app administrator.",
  'fieldType.SUBTABLE': 'Table',
  summaryAdvanced: 'Advanced: summary fields and status values ({matched} of {total} set)',
  // Signals: web visits and form fills, the engagement score, alerts to the owner
  visitPages: 'Pages whose visits are recorded',
  visitPagesHelp:
    'One per line: part of the page address (host and path), such as /pricing or example.com/products. Only visits to these pages are recorded, so the history keeps what matters and the app stays within the daily request limit kintone sets per app (10,000 on the Standard course). Visits by people Marketo does not know yet are never recorded.',
  'section.score': 'Engagement score',
  scoreIntro:
    'A number from 0 to 100 that says how interested a customer is now, so customers can be sorted by it. Recent activity counts more: each activity loses half its weight every {days} days. An unsubscribe or a bounce resets the score to 0.',
  scoreOn: 'Keep an engagement score',
  scoreField: 'Score field',
  scoreFieldHelp:
    'A Number field. "Add the missing fields" at the top of this page can add it, with a list view of the customers sorted by the score.',
  scoreAdvanced: 'Advanced: points per activity and how fast they fade',
  scoreWeightsHelp:
    'The points an activity adds on the day it happens (0 to 100; 0 leaves it out). Defaults: opened 1, clicked 3, web page visit 1, form fill 8, reply 10.',
  pointsUnit: 'points',
  halfLife: 'Days until activity counts half',
  halfLifeUnit: 'days (1 to 365)',
  halfLifeHelp: 'After this many days an activity counts half as much, after twice as many a quarter, and so on.',
  scoreDefaults: 'Use the defaults',
  'section.alerts': 'Alerts to the owner',
  alertsIntro:
    "When a customer does something that deserves a call, the server posts a comment on the customer's record that mentions the record's owner, and kintone notifies the mentioned users as for any comment. Optional: off unless you turn it on.",
  alertsOn: "Post an alert comment to the record's owner",
  alertsNote:
    'Comments must be enabled in this app (App Settings > Settings > Advanced Settings: comments on records). Bot activity never alerts, and an event counted before (a resend, a reconciliation) never alerts twice. Each alert counts as one request against the daily request limit kintone sets per app (10,000 on the Standard course).',
  ownerField: 'Owner field',
  ownerFieldHelp: 'A User selection field: every user it holds is mentioned.',
  alertMoments: 'Alert when the customer',
  'moment.reply': 'replies to an email',
  'moment.form': 'fills out a form',
  'moment.click': 'clicks a link to one of these pages',
  'moment.visit': 'visits one of these pages',
  'moment.score': 'reaches this engagement score',
  alertPagesHelp: 'One per line: part of the page address, such as /pricing.',
  alertClickPages: 'Pages to alert on (clicks)',
  alertVisitPages: 'Pages to alert on (visits)',
  alertScore: 'Score',
  perRecordPerDay: 'At most',
  perRecordPerDayUnit: 'per day (1 to 10)',
  perRecordPerDayHelp:
    'Alerts per customer record and kind of moment (a reply, a form fill, …) a day. Further moments of the same kind that day are recorded as usual but not alerted.',
  alertLanguage: 'Language of the comments',
  'language.ja': '日本語 (Japanese)',
  'language.en': 'English',
  'error.patternsRequired': 'Write at least one page, such as /pricing.',
  'error.patternsMany': 'Write at most {max} pages.',
  'error.patternLong': 'Each line can have at most {max} characters.',
  'error.weight': 'Enter a number from 0 to 100.',
  'error.halfLife': 'Enter a whole number of days from 1 to 365.',
  'error.alertMoments': 'Choose at least one moment to alert on.',
  'error.alertFormNotRecorded': 'Form fills are not recorded: tick "Filled out a form" under "Events to record".',
  'error.alertReplyNotRecorded': 'Replies are not recorded: tick "Replied" under "Events to record".',
  'error.alertClickNotRecorded': 'Clicks are not recorded: tick "Clicked a link" under "Events to record".',
  'warn.alertVisitPages':
    'Visits to {pages} are not recorded, so this alert cannot fire: add them to "Pages whose visits are recorded" under "Events to record".',
  'error.alertVisitNotRecorded': 'Visits are not recorded: tick "Visited a web page" under "Events to record".',
  'error.alertScoreOff': 'The score is not kept: turn on "Keep an engagement score" above.',
  'error.scoreThreshold': 'Enter a whole number from 1 to 100.',
  'error.perRecordPerDay': 'Enter a whole number from 1 to 10.',
  'fieldType.USER_SELECT': 'User selection',
  'view.hot': 'Hot customers',
  'fields.view': 'List view "{name}": the customers by {score}, highest first',
  'fields.viewOnlyIntro': 'This app has no list view sorted by the engagement score. The plug-in can add one:',
  'fields.step.views': 'Adding the list view…',
  'fields.viewAdded': 'The list view "{name}" was added.',
};

export type ConfigMessage = keyof typeof en;

export const configMessages: Catalog<ConfigMessage> = {
  en,
  ja: {
    pageTitle: 'Marketo メール反応: 設定',
    pageIntro:
      'Marketo のメール反応をこのアプリのどこに書き込むかを選び、サーバーに接続して、Marketo 側の設定をコピーします。選べるのは運用環境に反映済みのフィールドだけです。フォームに追加して「アプリを更新」をまだしていないフィールドは「このアプリのフィールド」に表示します。',
    loading: 'このアプリのフォームを読み込んでいます…',
    loadFailed: 'このアプリのフォームを読み込めませんでした: {detail}',
    migrated:
      'この設定は以前のバージョンのプラグインで保存されたため、新しい形式に変換しました。内容を確認して保存してください。',
    savedInvalid: '保存されている設定を読み込めませんでした ({detail})。初期値を表示しています。',
    required: '必須',
    optional: '任意',

    'section.lead': '顧客レコード',
    'section.summary': '集計フィールド',
    'section.history': '履歴テーブル',
    'section.events': '記録するイベント',
    'section.panel': 'レコード画面のパネル',
    'section.connection': 'サーバーとの接続',
    'section.marketo': 'Marketo の設定',

    leadSource: '顧客レコードを特定する値',
    'leadSource.email': 'メールアドレス',
    'leadSource.leadId': 'Marketo リード ID',
    leadField: 'その値が入っているフィールド',
    'leadFieldHelp.email':
      '入力値の種類が「メールアドレス」のリンクフィールド、または文字列 (1行) フィールドです。「値の重複を禁止する」フィールド (「重複禁止」と表示) なら、レコードを 1 件に特定できます。',
    'leadFieldHelp.leadId':
      '文字列 (1行) または数値フィールドです。「値の重複を禁止する」フィールドなら、レコードを 1 件に特定できます。',
    uniqueMark: '重複禁止',
    notUnique:
      'このフィールドは値の重複を許すため、1 件のイベントが複数のレコードに一致することがあります。そのときの動作を下で選んでください。',
    multiple: '複数のレコードが一致したとき',
    'multiple.all': 'すべて更新する',
    'multiple.newest': '最も新しく作成されたレコードだけ更新する',
    'multiple.skip': '更新しない (不一致として数える)',

    summaryIntro:
      '任意です。一覧・絞り込み・グラフで使えるほか、パネルもこの値を表示します。記録しない項目は空欄のままにします。',
    'slot.status': 'ステータス',
    'slot.openCount': '開封回数',
    'slot.firstOpened': '初回開封日時',
    'slot.lastOpened': '最終開封日時',
    'slot.clickCount': 'クリック回数',
    'slot.lastClicked': '最終クリック日時',
    'slot.lastBounced': '最終バウンス日時',
    'slot.unsubscribed': '配信停止日時',
    'slot.lastReplied': '最終返信日時',
    'slot.replyCount': '返信回数',
    'slot.lastVisited': '最終訪問日時',
    'slot.visitCount': '訪問回数',
    'slot.lastFormFilled': '最終フォーム送信日時',
    'slot.formCount': 'フォーム送信回数',
    'slot.score': 'エンゲージメントスコア',
    notRecorded: '(記録しない)',
    chooseField: '(フィールドを選択)',
    statusValues: 'ステータスの値',
    'statusValuesHelp.options': '「{field}」のどの選択肢が各ステータスを表すか選んでください。',
    'statusValuesHelp.text': '各ステータスのときに「{field}」に書き込む文字列です。',
    'status.notSent': '未送信',
    'status.sent': '送信済み',
    'status.delivered': '配信済み',
    'status.opened': '開封',
    'status.clicked': 'クリック',
    'status.bounced': 'バウンス',
    'status.unsubscribed': '配信停止',

    historyIntro: 'イベントごとにこのテーブルへ 1 行を、新しい順に追加します。',
    table: 'テーブル',
    'column.occurredAt': '日時',
    'column.type': 'イベントの種類',
    'column.emailName': 'メール名',
    'column.subject': '件名',
    'column.link': 'クリックされたリンク',
    'column.campaign': 'キャンペーン',
    'column.snippet': '返信の本文',
    'column.formName': 'フォーム',
    'column.eventKey': 'イベントキー',
    eventKeyHelp: 'イベントごとの ID を保存し、Marketo が同じイベントを 2 回送っても 1 回だけ書き込みます。',
    maxRows: '保持する行数',
    maxRowsUnit: '行まで (1〜1000)。',
    maxRowsHelp:
      'テーブルが満杯のときは、最も重要度の低い行を削除して新しい行を追加します。削除する順は、送信・配信、開封、クリック・バウンス・配信停止、返信の順で、同じ種類の中では古い行からです。開封が大量にあっても、クリックや返信の行が押し出されることはありません。追加すると自身が最初に削除される行になるイベントは書き込まず、「記録せず」として数えます。サマリーのフィールドは書き込んだイベントをすべて数えます。',

    eventTypes: '記録するイベント',
    'type.send': '送信',
    'type.delivered': '配信',
    'type.open': '開封',
    'type.click': 'リンクのクリック',
    'type.bounce': 'バウンス',
    'type.unsubscribe': '配信停止',
    'type.reply': '返信',
    'type.visit': 'Web ページの訪問',
    'type.form': 'フォームの送信',
    triggerHint: 'Marketo のトリガー: {trigger}',
    replyHint:
      'Marketo ではなくメールで届きます。サーバーの運用担当者が返信の届け先を設定している必要があります。選ぶ前に確認してください。',
    ignoreBots: 'ボットの反応を除外する',
    ignoreBotsHelp:
      'Marketo がボットによる反応 (メールのセキュリティスキャナーなど) と判定した開封・クリックを記録しません。キャンペーンに制約「Is Bot Activity = False」を付けます。',
    timeZone: 'Marketo のサブスクリプションのタイムゾーン',
    timeZoneHelp:
      'Marketo の「管理 > ロケーション」にあるサブスクリプションのタイムゾーンです (各ユーザーのタイムゾーンではありません)。Marketo はイベントの時刻 ({{system.dateTime}}) をこのタイムゾーンで、タイムゾーンを示さずに送ります。',

    placement: '表示する場所',
    'placement.space': 'スペースフィールドに表示する',
    'placement.headerMenu': 'レコードの上部 (ヘッダースペース) に表示する',
    spaceField: 'スペースフィールド (要素 ID)',
    placementHelp:
      'モバイルでも同じ場所に表示します。スペースフィールドが見つからないときはレコードの上部に表示します。',
    hideHistoryTableRow: 'レコード画面の履歴テーブル',
    hideHistoryTable: 'パネルを表示するときは履歴テーブルを隠す (おすすめ)',
    hideHistoryTableHelp:
      'パネルが同じ履歴をメールごとにまとめて表示します。テーブル自体はアプリに残り、編集・検索・書き出しはこれまでどおりできます。パネルを表示できないときはテーブルを表示します。',

    connectionIntro:
      'サーバーは Marketo から Webhook を受け取り、このアプリに書き込みます。変更に使える資格情報は kintone に保存しません。登録やテストイベントの送信のたびに管理シークレットを入力してください。API トークンは入力したときだけサーバーに送られ、サーバーが暗号化して保管します。プラグインが保存するのは読み取り専用のステータスキーだけで、画面に状態を表示するために使います。アプリの利用者がこれで見られるのは、このアプリの件数だけです。',
    serverUrl: 'サーバーの URL',
    serverUrlHelp:
      'サーバーの運用担当者から受け取ったアドレスです。例: https://abc123.execute-api.ap-northeast-1.amazonaws.com/prod',
    adminSecret: '管理シークレット',
    adminSecretHelp:
      'サーバーをデプロイしたときの管理シークレットです。登録、Webhook シークレットの再発行、テストイベントの送信に必要です。保存はされません。',
    apiToken: 'kintone の API トークン',
    apiTokenHelp:
      '「アプリの設定 > API トークン」で「レコード閲覧」と「レコード編集」だけを許可して作成し、保存して「アプリを更新」してください。最初の登録で必要です。以後は空欄のままにすると、サーバーが保管しているトークンを使います。',
    register: 'サーバーに登録',
    registering: '登録しています…',
    registered:
      '登録しました。Webhook シークレットは変わりません (発行時に表示済み)。Marketo に設定されていない場合は再発行してください。',
    secretIssued:
      '登録しました。下の「Marketo の設定」にある Webhook シークレットを今すぐ Marketo に設定してください。表示はこの一度だけです。',
    rotateSecret: 'Webhook シークレットを再発行',
    rotating: '発行しています…',
    rotateConfirm:
      'Marketo の X-Webhook-Secret ヘッダーに新しいシークレットを設定するまで、Marketo からの呼び出しは拒否されます。再発行しますか?',
    serverStatus: 'サーバーの状態',
    refresh: '更新',
    'count.accepted': '受信',
    'count.written': '書き込み',
    'count.duplicates': '重複',
    'count.unmatched': '一致するレコードなし',
    'count.filtered': '除外',
    'count.failed': '失敗',
    'count.deferred': '翌日に延期',
    'count.trimmed': '記録せず (履歴が満杯)',
    requestsToday:
      'このサーバーが本日このアプリに使った kintone API リクエスト: {count} 件 (kintone の上限は 1 日 10,000 件)',
    lastEvent: '最新のイベント {when}',
    reconciledUntil: 'Marketo のアクティビティ履歴との照合済み: {when} まで (届かなかった Webhook を 1 時間ごとに補完)',
    lastRescore:
      'エンゲージメントスコアの前回の更新 (毎日): {when}。{examined} 件を読み、{changed} 件を書き換え、kintone へのリクエスト {requests} 回。',
    'lastRescore.budget': '今日の kintone リクエストの上限で途中で止まりました。残りは次回に更新します。',
    'lastRescore.time': '時間切れで途中で止まりました。残りは次回に更新します。',
    'lastRescore.error': '問題が起きて止まりました。明日もう一度実行します。',
    noEvents: 'まだイベントを受信していません。',
    lastError: '最新のエラー ({when}): {message}',
    earlierError: '以前の問題 ({when})。その後イベントが書き込まれているので、おそらく解決しています。内容: {message}',
    'lastError.budget_used':
      'このアプリは、このサーバーが本日使える kintone のリクエストを使い切りました。イベントは 9:00 (日本時間) 以降に書き込まれます。操作は不要です。毎日起きる場合は、1 日の上限を上げるようサーバーの運用担当者に依頼してください。',
    'lastError.app_not_registered':
      'サーバーにこのアプリの登録がないため、イベントを書き込めませんでした。「サーバーとの接続」でアプリをもう一度登録してください。',
    'lastError.app_disabled':
      'サーバーでこのアプリが停止されているため、イベントを書き込んでいません。サーバーの運用担当者に確認してください。この画面からもう一度登録すると再開します。',
    'lastError.registry_unreadable':
      'サーバーがこのアプリの記録を読み込めませんでした。イベントは自動で再試行されます。続く場合は、サーバーの運用担当者に連絡してください。',
    'lastError.domain_not_served':
      'サーバーはこの kintone を扱わなくなったため、何も書き込んでいません。サーバーの運用担当者に連絡してください。',
    'lastError.token_unreadable':
      'サーバーが保管しているこのアプリの API トークンを開けませんでした。「サーバーとの接続」で API トークンを入力し、もう一度登録してください。',
    'lastError.kintone_refused_token':
      'kintone が API トークンを拒否しました。「レコード閲覧」と「レコード編集」を許可した新しいトークンを発行し (「アプリの設定 > API トークン」で保存して「アプリを更新」)、「サーバーとの接続」に入力して、もう一度登録してください。',
    'lastError.kintone_refused_app':
      'kintone がこのアプリは存在しないと答えました (削除されたか、別の kintone に移されました)。使っているアプリのプラグイン設定を開いて、もう一度登録してください。',
    'lastError.kintone_guest_space':
      'このアプリはゲストスペースにあります。ゲストスペースの中からプラグインの設定を開いて、もう一度登録してください。',
    'lastError.kintone_refused':
      'kintone がサーバーの要求を拒否しました。理由は下の詳細にあります。この画面で選んだフィールドを確認するか、詳細をサーバーの運用担当者に伝えてください。',
    'lastError.kintone_unreachable':
      'サーバーから kintone に接続できませんでした (メンテナンス中か、ネットワークの問題)。イベントは自動で再試行されます。続く場合、kintone で IP アドレス制限をしているなら、サーバーのアドレスを許可するよう kintone の管理者に依頼してください。',
    'lastError.fields_changed':
      'この画面で選んだフィールドがアプリにありません (削除されたか、フィールドコードが変わりました)。フィールドを元に戻すか、ここでフィールドを選び直して保存してください。',
    'lastError.records_invalid':
      'kintone が一部のレコードへの書き込みを値の不備で拒否しました (必須項目にした、文字数の上限など)。詳細にあるフィールドの設定を確認してください。これらのレコードのイベントは保留されます。',
    'lastError.write_conflict':
      '書き込み中にレコードが何度も更新されたため、今回は一部のイベントを書き込めませんでした。自動で再試行されます。繰り返し起きない限り、操作は不要です。',
    'lastError.write_failed':
      'サーバーが kintone にイベントを書き込めませんでした。自動で再試行されます。続く場合は、詳細をサーバーの運用担当者に伝えてください。',
    'lastError.alert_refused':
      'kintone が担当者への通知コメントを拒否しました (理由は詳細にあります。例: アプリでコメント機能がオフ、担当者のユーザーが存在しない)。イベント自体は書き込み済みです。アプリまたは担当者フィールドを直すと、次の通知から投稿されます。',
    'lastError.rescore_failed':
      'エンゲージメントスコアの毎日の更新が止まりました。明日また実行されます。続く場合は、詳細をサーバーの運用担当者に伝えてください。',
    'lastError.reconcile_failed':
      'Marketo の活動ログとの 1 時間ごとの照合が止まりました。次の回に再開します。続く場合は、詳細をサーバーの運用担当者に伝えてください。',
    'lastError.marketo_quota':
      'Marketo の 1 日の API 上限に達したため、Marketo の活動ログとの 1 時間ごとの照合は上限がリセットされるまで待機します。操作は不要です。',
    'lastError.marketo_refused':
      'Marketo がサーバーの API 認証情報を拒否したため、Marketo の活動ログとの 1 時間ごとの照合が止まりました。Marketo の API ユーザーを確認するよう、サーバーの運用担当者に依頼してください。',
    'lastError.other':
      'サーバーで問題が起きました。繰り返し起きる場合は、下の詳細をサーバーの運用担当者に伝えてください。',
    statusIdle: 'サーバーの URL と管理シークレットを入力すると状態を表示します。',
    testTitle: 'テストイベントを送信',
    testHelp:
      'このメールアドレス (「顧客レコード」で選んだ場合は Marketo リード ID) の顧客レコードにテストイベントを書き込み、結果を表示します。',
    'testPlaceholder.email': 'customer@example.com',
    'testPlaceholder.leadId': '12345',
    sendTest: 'テストイベントを送信',
    sendingTest: '送信しています…',
    testResult: '{outcome}: {message}',
    needServerUrl: '先にサーバーの URL を入力してください。',
    badServerUrl: 'https:// で始まる URL を入力してください (http:// は localhost のみ使えます)。',
    needSecret: '管理シークレットを入力してください。',
    needLeadKey: 'テストに使う顧客レコードのメールアドレス (または Marketo リード ID) を入力してください。',
    fixMappingFirst: '先に上の設定のエラーを直してください。サーバーにはこの設定を登録します。',
    'error.network': 'サーバー {url} に接続できませんでした。サーバーの URL をサーバーの運用担当者に確認してください。',
    'error.unauthorized':
      'サーバーが管理シークレットを拒否しました。サーバーの運用担当者に確認して、入力し直してください。',
    'error.forbidden':
      'サーバーの URL {url} が途中までのようです。サーバーの運用担当者に確認してください (通常 /prod や /dev で終わります)。',
    'error.refused': 'サーバーが要求を受け付けませんでした: {detail}',
    'error.notFound':
      '{url} にはこのプラグインのサーバーがありません。サーバーの URL をサーバーの運用担当者に確認してください。',
    'error.notRegistered': 'このアプリはまだサーバーに登録されていません。「サーバーに登録」を押してください。',
    'error.invalid': 'サーバーが設定を受け付けませんでした:',
    'error.server':
      'サーバーで処理できませんでした (エラー {status})。時間をおいて試すか、サーバーの運用担当者に連絡してください。',
    'error.badResponse': 'サーバーから想定外の応答がありました (エラー {status})。サーバーの URL を確認してください。',

    marketoIntro: 'Marketo で一度だけ行う設定です。貼り付ける値はボタンでコピーできます。',
    webhookStep: '1. Webhook を作成: 管理 > 統合 > Webhook > 新規 Webhook',
    webhookName: 'Webhook 名',
    url: 'URL',
    urlPending: '(サーバーに登録すると URL を表示します)',
    requestType: 'リクエストタイプ',
    template: 'テンプレート',
    encoding: 'リクエストトークンのエンコード',
    encodingHelp:
      '値は Marketo がエンコードします。テンプレートに引用符は不要で、メールアドレスの「+」もそのまま届きます。',
    responseType: '応答タイプ',
    none: 'なし',
    headerStep:
      '2. カスタムヘッダーを 2 つ追加: Webhook を選び、Webhook アクション > カスタムヘッダーを設定で 1 行に 1 つずつ',
    headerName: 'ヘッダー',
    headerValue: '値',
    secretPending:
      '(サーバーが発行したときに一度だけ表示します。アプリを登録するか、Webhook シークレットを再発行してください)',
    campaignStep:
      '3. イベントの種類ごとにトリガーのスマートキャンペーンを作成: マーケティング活動 > 新規スマートキャンペーン。作成後、それぞれを有効化します。',
    campaignName: 'キャンペーン名',
    smartList: 'スマートリスト',
    trigger: 'トリガー',
    constraint: '制約',
    flow: 'フロー',
    callWebhook: 'Webhook を呼び出す (Call Webhook)',
    schedule: 'スケジュール',
    everyTime: '適格性ルール: 毎回フローを実行できる',
    noEventTypes: '上で記録するイベントを 1 つ以上選んでください。',
    replyNoCampaign: '返信にはスマートキャンペーンは不要です。返信はメールでサーバーに届きます。',
    campaignWebPage: 'Web ページ (Web Page)',
    campaignWebPageContains: '次を含む (contains)',
    campaignWebPageHelp:
      'トリガーの Web Page を「次を含む (contains)」にして、パターンを 1 つずつ追加します (ページのアドレスがどれかを含めばキャンペーンが動きます)。「次と等しい (is)」しか選べない場合は、該当するページを選んでください。どちらの場合も、サーバーはこれらのページの訪問だけを記録します。',
    campaignNoPages:
      'まだページが選ばれていません。「記録するイベント」で訪問を記録するページを追加してください。それまでは訪問を記録しないので、このキャンペーンはまだ作成しないでください。',
    campaignForm: 'フォーム (Form)',
    campaignAnyForm: 'いずれか (is any)',
    campaignFormHelp: '営業に大事なフォームだけを選んでもかまいません。',
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできませんでした。テキストを選択してコピーしてください',

    save: '保存する',
    saving: '保存しています…',
    cancel: 'キャンセル',
    fixProblems: '保存する前に次の点を直してください:',
    registerBeforeSave: 'サーバーへの登録に失敗したため、設定を保存していません:',
    saveWithoutRegistering: '登録せずに保存する',

    'error.required': 'フィールドを選択してください。',
    'error.missingField': 'フィールド「{code}」はフォームにもうありません。',
    'error.unfitField': '「{code}」は{type}フィールドのため、ここには使えません。',
    'error.computed': '「{code}」は kintone が値を計算するため、書き込めません。',
    'error.wrongLink': '「{code}」はリンクの種類が違います。{type}である必要があります。',
    'error.duplicate': '「{code}」は「{other}」にも選ばれています。1 つのフィールドには 1 つの値しか入りません。',
    'error.statusLabel': 'このステータスの値を選んでください。',
    'error.statusNotOption': '「{label}」は「{code}」の選択肢にありません。',
    'error.statusTwice': '「{label}」が 2 つのステータスに使われています。ステータスごとに別の値を選んでください。',
    'error.tableRequired': '履歴テーブルを選択してください。',
    'error.maxRows': '1〜1000 の整数を入力してください。',
    'error.eventTypes': 'イベントを 1 つ以上選んでください。',
    'error.timeZone': 'Asia/Tokyo や America/Chicago のようなタイムゾーンを入力してください。',
    'error.space': 'スペースフィールドを選ぶか、レコードの上部に表示してください。',
    'error.spaceMissing': 'スペースフィールド「{code}」はフォームにもうありません。',

    'why.noneOfType':
      '使えるフィールドがありません。{types}フィールドが必要ですが、フォームにありません。フォームの設定で追加して保存し、この画面を開き直してください。',
    'why.onlyUnfit': '使えるフィールドがありません。種類は合っていますが使えないフィールド:',
    'why.computed': 'kintone が値を計算する',
    'why.protocol': 'リンクの種類が違う',
    'why.chooseTable': '先に履歴テーブルを選んでください。',
    'why.noTable':
      'フォームにテーブルがありません。日時の列 1 つと文字列 (1行) の列 2 つ (イベントの種類、イベントキー) を持つテーブルを追加してフォームを保存し、この画面を開き直してください。',
    'why.noSpace':
      'フォームに要素 ID 付きのスペースフィールドがありません。フォームの設定でスペースフィールドを追加して要素 ID を付けるか、レコードの上部に表示してください。',

    'fieldType.SINGLE_LINE_TEXT': '文字列 (1行)',
    'fieldType.MULTI_LINE_TEXT': '文字列 (複数行)',
    'fieldType.NUMBER': '数値',
    'fieldType.DATETIME': '日時',
    'fieldType.DROP_DOWN': 'ドロップダウン',
    'fieldType.RADIO_BUTTON': 'ラジオボタン',
    'fieldType.LINK': 'リンク',
    'fieldType.LINK.MAIL': 'リンク (メールアドレス)',
    'fieldType.LINK.WEB': 'リンク (Web サイトのアドレス)',
    listSeparator: '、',
    or: '、または',
    // Connection feedback, test-event outcomes, server refusals by code, page navigation
    'nav.label': 'このページの項目',
    footerNote:
      '「保存する」は設定を確認し、(「サーバーとの接続」で入力した管理シークレットで) サーバーに登録してから、プラグインの一覧に戻ります。',
    registerHelp:
      '今すぐ登録すると、このページに留まったまま、下の「Marketo の設定」に使う Webhook の URL とシークレットを受け取り、テストイベントを送れます。「保存する」も同じように登録してから、このページを閉じます。',
    'secretCheck.checking': 'サーバーに確認しています…',
    'secretCheck.verified': '確認済み: サーバーがこの管理シークレットを受け付けました。',
    'secretCheck.refused': '拒否: サーバーはこの管理シークレットを受け付けません。',
    'secretCheck.unknown': '未確認: サーバーに接続できません。',
    'error.secretRefused':
      'サーバーがこの管理シークレットを拒否しました。サーバーの運用担当者に確認して、入力し直してください。',
    secretIssuedOnSave:
      '登録しました。下の「Marketo の設定」にある Webhook シークレットを今すぐ Marketo に設定してから (表示はこの一度だけです)、もう一度「保存する」を押してください。',
    errorDetails: 'サーバーの運用担当者向けの詳細',
    statusWhose: 'アプリ {appId}、サーバー {server}',
    statusStale: 'サーバーの URL を変更中です。この数値は {server} のものです。入力欄から移動すると更新します。',
    'sources.explain':
      '「受信」は Marketo が Webhook を呼び出した回数 (とメールで届いた返信) です。「書き込み」には Marketo のアクティビティ履歴から読み込んだイベント (届かなかった Webhook を補う 1 時間ごとの照合と、過去の履歴の取り込み) も含まれ、これらは Webhook としては届かないため、受信より多くなることがあります。',
    'sources.written': '書き込みの内訳 (イベントの取得元):',
    'source.webhook': 'Marketo の Webhook',
    'source.reconcile': 'Marketo のアクティビティ履歴 (1 時間ごとの照合、過去の取り込み)',
    'source.test': 'テストイベント',
    'source.mail': 'メールで届いた返信',
    sourceCount: '{source}: {count}',
    'outcome.written':
      '書き込みました: 「{field}」が {leadKey} のレコードにテストイベントを追加しました。レコードを開いて確認してください。',
    'outcome.duplicate': '書き込み済み: このテストイベントは以前にこのレコードへ書き込まれています。',
    'outcome.trimmed': '記録しませんでした: このレコードの履歴テーブルは、より重要な行で満杯です。',
    'outcome.unmatched':
      '「{field}」が {leadKey} のレコードはありません。値と、「顧客レコード」で選んだフィールドを確認してください。',
    'outcome.ambiguous':
      '「{field}」が {leadKey} のレコードが複数あり、設定ではどれも更新しないことになっています (「複数のレコードが一致したとき」を参照)。',
    'outcome.filtered':
      '書き込みませんでした: テストイベントの種類を記録しない設定です。「記録するイベント」で「開封」を選んでください。',
    'outcome.failed':
      'kintone がテストイベントの書き込みを拒否しました。上で選んだフィールドがアプリにあるか (「アプリを更新」済みか) 確認して、もう一度試してください。',
    'outcome.failedBecause': 'テストイベントは書き込まれませんでした (テストイベントは再送されません)。{reason}',
    'outcome.other': 'サーバーの応答: {outcome}',
    'code.app_id_taken':
      'このアプリ ID は、サーバー上で別の kintone に接続されています。サーバーの運用担当者に移行を依頼してください。',
    'code.not_served': 'サーバーはこの kintone を扱わなくなりました。サーバーの運用担当者に連絡してください。',
    'code.budget_used':
      'このアプリは、このサーバーが本日使える kintone のリクエストを使い切りました。9:00 (日本時間) 以降にもう一度試してください。',
    'code.kintone_unreachable':
      'サーバーから kintone に接続できませんでした。kintone で IP アドレス制限をしている場合は、サーバーのアドレス (サーバーの運用担当者が知っています) を許可するよう kintone の管理者に依頼してください。',
    'code.registry_unavailable':
      'サーバーが記録を読み込めませんでした。何も変更していません。時間をおいて試すか、サーバーの運用担当者に連絡してください。',
    'code.vault_unavailable':
      'サーバーが保管している API トークンを開けませんでした。API トークンを入力して、もう一度登録してください。',
    'code.weak_admin_secret':
      'サーバーの管理シークレットが弱すぎるため、サーバーが動作を拒否しています。より長い値を設定するようサーバーの運用担当者に依頼してください。',
    'problem.api_token_required': 'API トークンを入力してください。最初の登録で必要です。',
    'problem.api_token_rights':
      'API トークンには「レコード閲覧」と「レコード編集」の許可が必要です。「アプリの設定 > API トークン」で変更して保存し、「アプリを更新」してから、もう一度登録してください。',
    'problem.api_token_refused':
      'kintone がこの API トークンを受け付けません。「アプリの設定 > API トークン」からコピーし直し、保存して「アプリを更新」したか確認してください。',
    'problem.app_refused':
      'kintone がこの API トークンでのこのアプリへのアクセスを拒否しました。トークンがこのアプリで作成したものか確認してください。',
    'problem.guest_space':
      'このアプリはゲストスペースにあります。ゲストスペースの中からプラグインの設定を開き、もう一度登録してください。',
    'problem.kintone_proxy':
      'kintone ではなく、その手前の何か (メンテナンス画面やプロキシ) が応答しました。時間をおいて試してください。',
    'problem.kintone_url': 'サーバーはこの kintone を扱っていません。サーバーの運用担当者に追加を依頼してください。',
    'problem.mapping':
      'デプロイ済みのアプリでは、サーバーがこの設定を使えません。アプリの設定で「アプリを更新」してから、もう一度登録してください。',
    // Matching a first setup to the app's fields, and adding the missing ones
    'fields.title': 'このアプリのフィールド',
    'fields.matchedIntro': '次の設定はこのアプリのフィールドに自動で割り当てました。確認してください:',
    'fields.matchedSummary': '{count} 項目の設定をこのアプリのフィールドに自動で割り当てました: 確認してください',
    'fields.how.label': '名前が一致',
    'fields.how.code': 'フィールドコードが一致',
    'fields.how.only': '当てはまる唯一のフィールド',
    'fields.noneMatched': 'この設定に使えるフィールドはアプリに見つかりませんでした。',
    'fields.missingIntro': 'このアプリには、設定で使えるフィールドが {count} 個足りません。プラグインが追加できます:',
    'fields.complete': 'このアプリには設定に必要なフィールドがすべてあります。',
    'fields.add': '不足しているフィールドをアプリに追加',
    'fields.confirmIntro':
      '次のフィールドをフォームに追加し、アプリを更新します (アプリの設定 >「アプリを更新」)。既存のフィールドは変更も削除もしません:',
    'fields.inTable': '{table} の列',
    'fields.space': 'パネル用のスペース (要素ID {id})',
    'fields.confirm': 'これらのフィールドを追加してアプリを更新',
    'fields.cancel': 'キャンセル',
    'fields.step.fields': 'フィールドを追加しています…',
    'fields.step.layout': 'フォームに配置しています…',
    'fields.step.deploy': 'アプリを更新しています…',
    'fields.step.done': '完了しました。',
    'fields.added':
      '{count} 個のフィールドを追加し、アプリを更新しました。下の設定で選択済みです。確認して「保存」をクリックしてください。',
    'fields.failed': 'フィールドを追加できませんでした: {detail}',
    'fields.deployFailed':
      'kintone がアプリを更新できませんでした。フィールドはアプリの設定に追加されましたが、まだ運用環境に反映されていないため、設定には割り当てていません。アプリの設定を開いて「アプリを更新」をクリックしてから、この画面に戻ってください。',
    'fields.deployPending':
      'kintone がまだアプリを更新しています。フィールドはまだ運用環境に反映されていないため、設定には割り当てていません。数分後にこの画面に戻ってください。',
    'fields.notLive':
      '次の項目はアプリの設定にありますが、まだ運用環境に反映されていないため、この画面では使えません。アプリの設定を開いて「アプリを更新」をクリックしてから、この画面に戻ってください:',
    'fields.notLive.space': 'スペース (要素ID {code})',
    'fields.clash':
      'この間にほかの人がフォームを変更しました。このページを再読み込みしてから、もう一度実行してください。',
    'fields.noRights':
      'あなたの kintone アカウントでは、このアプリの設定を変更できない可能性があります。アプリの管理者に依頼してください。',
    'fieldType.SUBTABLE': 'テーブル',
    summaryAdvanced: '詳細: 集計フィールドとステータスの値 ({total} 項目中 {matched} 項目を設定済み)',
    // Signals: web visits and form fills, the engagement score, alerts to the owner
    visitPages: '訪問を記録するページ',
    visitPagesHelp:
      '1 行に 1 つ、ページのアドレス (ホスト名とパス) の一部を書きます。例: /pricing、example.com/products。記録するのはこれらのページへの訪問だけです。履歴を大事な反応だけにし、kintone の 1 アプリあたり 1 日のリクエスト数の上限 (スタンダードコースで 1 万回) を超えないようにするためです。Marketo がまだ知らない人の訪問は記録しません。',
    'section.score': 'エンゲージメントスコア',
    scoreIntro:
      '顧客がいまどれだけ関心を持っているかを 0〜100 の数値で表し、この値で顧客を並べ替えられます。最近の反応ほど大きく数え、反応の重みは {days} 日ごとに半分になります。配信停止またはバウンスでスコアは 0 に戻ります。',
    scoreOn: 'エンゲージメントスコアを記録する',
    scoreField: 'スコアのフィールド',
    scoreFieldHelp:
      '数値フィールドです。ページ上部の「不足しているフィールドをアプリに追加」で、スコアの高い順に顧客を並べた一覧と一緒に追加できます。',
    scoreAdvanced: '詳細: 反応ごとの点数と重みが減る速さ',
    scoreWeightsHelp:
      '反応があった当日に加える点数です (0〜100。0 にすると数えません)。初期値: 開封 1、クリック 3、Web ページの訪問 1、フォームの送信 8、返信 10。',
    pointsUnit: '点',
    halfLife: '反応の重みが半分になる日数',
    halfLifeUnit: '日 (1〜365)',
    halfLifeHelp: 'この日数がたつと反応の重みは半分に、その 2 倍の日数で 4 分の 1 になります。',
    scoreDefaults: '初期値に戻す',
    'section.alerts': '担当者への通知',
    alertsIntro:
      '顧客に連絡すべき反応があると、サーバーが顧客のレコードにコメントを投稿し、レコードの担当者をメンションします。メンションされたユーザーには、通常のコメントと同じく kintone から通知が届きます。任意です。オンにしない限り投稿しません。',
    alertsOn: 'レコードの担当者に通知のコメントを投稿する',
    alertsNote:
      'このアプリでレコードのコメント機能が有効になっている必要があります (アプリの設定 >「設定」タブ > 高度な設定)。ボットによる反応では通知せず、一度数えたイベント (再送や照合で届いたもの) で二度通知することもありません。通知 1 件ごとに、kintone の 1 アプリあたり 1 日のリクエスト数の上限 (スタンダードコースで 1 万回) のうち 1 回を使います。',
    ownerField: '担当者のフィールド',
    ownerFieldHelp: 'ユーザー選択フィールドです。入っているユーザー全員をメンションします。',
    alertMoments: '通知するタイミング',
    'moment.reply': 'メールに返信したとき',
    'moment.form': 'フォームを送信したとき',
    'moment.click': '次のページへのリンクをクリックしたとき',
    'moment.visit': '次のページを訪問したとき',
    'moment.score': 'エンゲージメントスコアが次の値に達したとき',
    alertPagesHelp: '1 行に 1 つ、ページのアドレスの一部を書きます。例: /pricing',
    alertClickPages: '通知するページ (クリック)',
    alertVisitPages: '通知するページ (訪問)',
    alertScore: 'スコア',
    perRecordPerDay: '上限',
    perRecordPerDayUnit: '件まで (1 日あたり、1〜10)',
    perRecordPerDayHelp:
      '顧客のレコード 1 件・タイミングの種類 (返信、フォームの送信など) ごとの 1 日の上限です。その日の同じ種類の反応は、これを超えると記録だけして通知しません。',
    alertLanguage: 'コメントの言語',
    'language.ja': '日本語',
    'language.en': 'English (英語)',
    'error.patternsRequired': '/pricing のように、ページを 1 つ以上書いてください。',
    'error.patternsMany': 'ページは {max} 個までです。',
    'error.patternLong': '1 行は {max} 文字までです。',
    'error.weight': '0〜100 の数値を入力してください。',
    'error.halfLife': '1〜365 の整数 (日数) を入力してください。',
    'error.alertMoments': '通知するタイミングを 1 つ以上選んでください。',
    'error.alertFormNotRecorded':
      'フォームの送信を記録していません。「記録するイベント」で「フォームの送信」を選んでください。',
    'error.alertReplyNotRecorded': '返信を記録していません。「記録するイベント」で「返信」を選んでください。',
    'error.alertClickNotRecorded':
      'クリックを記録していません。「記録するイベント」で「リンクのクリック」を選んでください。',
    'warn.alertVisitPages':
      '{pages} への訪問は記録していないため、この通知は届きません。「記録するイベント」の「訪問を記録するページ」に追加してください。',
    'error.alertVisitNotRecorded':
      'Web ページの訪問を記録していません。「記録するイベント」で「Web ページの訪問」を選んでください。',
    'error.alertScoreOff': 'スコアを記録していません。上の「エンゲージメントスコアを記録する」をオンにしてください。',
    'error.scoreThreshold': '1〜100 の整数を入力してください。',
    'error.perRecordPerDay': '1〜10 の整数を入力してください。',
    'fieldType.USER_SELECT': 'ユーザー選択',
    'view.hot': '反応の高い顧客',
    'fields.view': '一覧「{name}」: {score}の高い順に並べた顧客',
    'fields.viewOnlyIntro':
      'このアプリには、エンゲージメントスコアの高い順に並べた一覧がありません。プラグインが追加できます:',
    'fields.step.views': '一覧を追加しています…',
    'fields.viewAdded': '一覧「{name}」を追加しました。',
  },
};
