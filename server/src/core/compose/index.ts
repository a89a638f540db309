/**
 * Public API of the compose model. See README.md in this folder for the shape and the guarantees.
 */
export type {
  ComposeNetwork,
  ComposeProject,
  ComposeService,
  FileReader,
  IpamConfig,
  LoadOptions,
  NetworkMode,
  PartSource,
  PortSource,
  PublishedPort,
  ServiceNetwork,
} from './model';
export { loadComposeProject, normalizeProjectName, resolveComposeFiles } from './project';
export { interpolate, originOf, type Interpolation, type Piece, type PieceOrigin } from './interpolate';
export { parseShortPort, parsePortRange, isGoIP, type ShortEntry } from './ports';
export { parseDotEnv } from './dotenv';
export { composePortsJson, type ComposePortJson } from './json';
