// Types for the test oracle (twitter-text ships none); it is never imported by shipped code.
declare module "twitter-text" {
  const twitter: { parseTweet(text: string): { weightedLength: number; valid: boolean } };
  export default twitter;
}
