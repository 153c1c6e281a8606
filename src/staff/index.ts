// The staff module's public door: the /staff router, its WebSocket, accounts and sessions.
export { createStaffRouter, staffErrorHandler, staffAssetsDir, type StaffRouterOptions } from './staffRouter.js';
export { createStaffSocket, STAFF_WS_PATH, type StaffSocket } from './staffSocket.js';
export { addStaffAccount, checkCredentials } from './accounts.js';
export { SessionManager, SESSION_COOKIE, DEFAULT_SESSION_TIMES, type SessionTimes } from './sessions.js';
export { loadOfficeHours, isWithinOfficeHours, type OfficeHours } from './officeHours.js';
export { staffNameSchema, firstName } from './staffName.js';
export { createStaffConsole, type StaffConsole } from './staffConsole.js';
export { createHelpdesk, type Helpdesk } from './helpdesk.js';
