import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth";

const handler = async (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(await authOptions())(request, context);

export { handler as GET, handler as POST };
