/** The analysis pipeline: compose + rulesets + Docker → merged ruleset → per-port reachability. */
export { analyse, type Analysis, type AnalysisInput, type PortProbe, type PortReport, type RulesetSource, type LoadedSource } from './analyse';
export { composeToDocker, portText, type ComposeDockerMapping } from './compose-docker';
export { dockerFragments, dependsOnDockerChains, type DockerSource } from './merge';
