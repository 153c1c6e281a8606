// Type stub for xhr2 (no bundled types): the XMLHttpRequest polyfill botframework-directlinejs needs under Node.
declare module 'xhr2' {
  const XMLHttpRequest: typeof globalThis.XMLHttpRequest;
  export default XMLHttpRequest;
}
