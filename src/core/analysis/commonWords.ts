/**
 * Stop words and a small frequency prior for topic ranking. The prior stands in for an
 * IDF table: the most frequent English words (by rank band) weigh little as topics, words
 * not listed weigh fully. Lists are lower case.
 */

/** Function words and filler that never make a topic. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being " +
    "below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down " +
    "during each either else etc few for from further get gets got had hadn't has hasn't have haven't having " +
    "he her here hers herself him himself his how however i i'm if in into is isn't it it's its itself just " +
    "let's like may me might more most much must mustn't my myself need needs no nor not now of off often on " +
    'once only or other others otherwise our ours ourselves out over own per please rather really same she ' +
    "should shouldn't so some such than that that's the their theirs them themselves then there there's " +
    "these they they're this those though through thus to too under until up upon us use used uses using " +
    "very via was wasn't we we're were weren't what what's when where whether which while who whom whose why " +
    "will with within without won't would wouldn't yes yet you you'd you'll you're you've your yours " +
    'yourself yourselves one two three first second new also let lets make makes made want wants way well ' +
    'see sure here’s it’s don’t can’t instead already always never every still even ever maybe perhaps ' +
    'example e.g i.e thing things something anything everything nothing lot lots kind sort bit okay ok ' +
    'simply actually basically just quite able like likely easy easily good great better best'
  ).split(' '),
);

/**
 * Very common English content words, in rough frequency bands. Band 0 is the most common.
 * Counted as topics, but their weight is scaled down by {@link idfPrior}.
 */
const BANDS: string[] = [
  'time year people day man thing woman life child world school state family student group country problem ' +
    'hand part place case week company system program question work government number night point home ' +
    'water room mother area money story fact month lot right study book eye job word business issue side ' +
    'kind head house service friend father power hour game line end member law car city community name',
  'change set start run call show add find give take look come go know think say tell try help keep put ' +
    'mean move turn follow create provide allow include continue return check write read update note step ' +
    'value result level order idea reason form information data list file case type support source way ' +
    'version default option time output input text user users value values number test tests code work',
];

const RANK = new Map<string, number>();
BANDS.forEach((band, i) => band.split(' ').forEach((w) => RANK.has(w) || RANK.set(w, i)));

/** Weight multiplier in (0, 1] for a lower-case term: common words weigh less. */
export function idfPrior(term: string): number {
  const band = RANK.get(term);
  if (band === undefined) return 1;
  return band === 0 ? 0.35 : 0.6;
}
