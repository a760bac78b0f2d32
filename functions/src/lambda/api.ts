import { handle } from "hono/aws-lambda";
import { app } from "../runtime";

export const handler = handle(app);
