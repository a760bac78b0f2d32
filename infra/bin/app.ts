import { buildApp } from "../src/app";
import { bundleAllFunctions } from "../src/bundling";

// `npx cdk synth` (dev) or `npx cdk deploy --all -c stage=prod`; see docs/deploy.md.
buildApp({ bundles: await bundleAllFunctions() });
