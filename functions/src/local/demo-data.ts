import type { TAssuranceBasis, TComponentType, TRole, TTenantKind } from "@assure/shared";

/** Demo tenants, people, components and a site: realistic names and values for a local portal. */
export const DEMO_PASSWORD = "demo-62443";

export const demoTenants: { slug: string; name: string; kinds: TTenantKind[]; verified?: string }[] = [
  {
    slug: "northwind",
    name: "Northwind Automation",
    kinds: ["supplier"],
    verified: "Domain northwind.example checked via DNS TXT",
  },
  { slug: "helvetia-controls", name: "Helvetia Controls AG", kinds: ["supplier"] },
  { slug: "rheinwasser", name: "Rheinwasser Utilities", kinds: ["asset_owner"] },
  { slug: "baltic-grid", name: "Baltic Grid Energy", kinds: ["asset_owner"] },
  { slug: "vantage-si", name: "Vantage Systems Integration", kinds: ["integrator"] },
  { slug: "assure-ops", name: "Assure Platform Operations", kinds: [] },
];

export const demoUsers: {
  email: string;
  name: string;
  operator?: boolean;
  memberships: { tenant: string; role: TRole }[];
  /** What the person does, printed next to the login. */
  as: string;
}[] = [
  {
    email: "anna.weber@northwind.example",
    name: "Anna Weber",
    memberships: [{ tenant: "northwind", role: "owner" }],
    as: "supplier",
  },
  {
    email: "marco.rossi@helvetia-controls.example",
    name: "Marco Rossi",
    memberships: [{ tenant: "helvetia-controls", role: "owner" }],
    as: "supplier",
  },
  {
    email: "lena.fischer@rheinwasser.example",
    name: "Lena Fischer",
    memberships: [
      { tenant: "rheinwasser", role: "owner" },
      { tenant: "baltic-grid", role: "viewer" },
    ],
    as: "asset owner (two tenants)",
  },
  {
    email: "jonas.berzins@balticgrid.example",
    name: "Jonas Bērziņš",
    memberships: [{ tenant: "baltic-grid", role: "owner" }],
    as: "asset owner",
  },
  {
    email: "sam.okafor@vantage-si.example",
    name: "Sam Okafor",
    memberships: [{ tenant: "vantage-si", role: "owner" }],
    as: "integrator",
  },
  {
    email: "ops@assure.example",
    name: "Platform Operator",
    operator: true,
    memberships: [{ tenant: "assure-ops", role: "owner" }],
    as: "platform operator",
  },
];

export const demoComponents: {
  supplier: string;
  name: string;
  productLine: string;
  componentType: TComponentType;
  description: string;
  modelNumbers: string[];
  slC: number[];
  basis: TAssuranceBasis;
  publish: boolean;
}[] = [
  {
    supplier: "northwind",
    name: "NW-PLC 5200 Controller",
    productLine: "NW-PLC 5000 series",
    componentType: "EDR",
    description:
      "Modular PLC with signed firmware, secure boot and role-based access for engineering stations.",
    modelNumbers: ["NW5200-CPU", "NW5210-CPU"],
    slC: [3, 3, 3, 2, 3, 2, 3],
    basis: "certified",
    publish: true,
  },
  {
    supplier: "northwind",
    name: "NW-HMI Panel 700",
    productLine: "NW-HMI",
    componentType: "HDR",
    description: "Operator panel on hardened Linux with local user management and audit logging.",
    modelNumbers: ["HMI-700-15", "HMI-700-21"],
    slC: [2, 2, 2, 1, 2, 2, 2],
    basis: "third_party_assessed",
    publish: true,
  },
  {
    supplier: "northwind",
    name: "NW Historian Server",
    productLine: "NW Operations Suite",
    componentType: "SAR",
    description: "Process historian with TLS-only interfaces and LDAP authentication.",
    modelNumbers: [],
    slC: [2, 2, 2, 2, 1, 2, 2],
    basis: "self_declared",
    publish: true,
  },
  {
    supplier: "northwind",
    name: "NW-PLC 6000 Controller (preview)",
    productLine: "NW-PLC 6000 series",
    componentType: "EDR",
    description: "Next-generation controller; the claim is still being assessed.",
    modelNumbers: ["NW6000-CPU"],
    slC: [4, 3, 3, 3, 3, 3, 3],
    basis: "self_declared",
    publish: false,
  },
  {
    supplier: "helvetia-controls",
    name: "HC Industrial Firewall IF-300",
    productLine: "HC SecureNet",
    componentType: "NDR",
    description: "Deep-packet-inspection firewall for Modbus/TCP, S7comm and OPC UA, with redundant power.",
    modelNumbers: ["IF-300", "IF-300R"],
    slC: [3, 3, 3, 3, 3, 2, 3],
    basis: "certified",
    publish: true,
  },
  {
    supplier: "helvetia-controls",
    name: "HC Managed Switch MS-24",
    productLine: "HC SecureNet",
    componentType: "NDR",
    description: "24-port managed industrial Ethernet switch with 802.1X and port security.",
    modelNumbers: ["MS-24G", "MS-24G-PoE"],
    slC: [2, 2, 2, 1, 2, 1, 2],
    basis: "self_declared",
    publish: true,
  },
  {
    supplier: "helvetia-controls",
    name: "HC Remote I/O RIO-8",
    productLine: "HC Field",
    componentType: "EDR",
    description: "Remote I/O head station for Profinet; no user accounts on the device.",
    modelNumbers: ["RIO-8-PN"],
    slC: [1, 1, 2, 1, 1, 1, 2],
    basis: "self_declared",
    publish: true,
  },
];

export const demoSite = {
  tenant: "rheinwasser",
  name: "Waterworks Kaiserau",
  location: "Kaiserau, North Rhine-Westphalia",
  description: "Drinking-water treatment plant, 40,000 m³/day, with four remote pumping stations.",
  zones: [
    {
      name: "Enterprise DMZ",
      slT: [2, 2, 2, 2, 3, 2, 2],
      minimumBasis: "self_declared" as const,
      description: "Historian replica, patch server and remote-access jump host.",
    },
    {
      name: "Dosing Control",
      slT: [2, 2, 2, 1, 2, 1, 2],
      minimumBasis: "self_declared" as const,
      description: "Chlorine and flocculant dosing PLCs with their HMIs.",
    },
    {
      name: "Safety Instrumented System",
      slT: [3, 3, 3, 2, 3, 2, 3],
      minimumBasis: "certified" as const,
      description: "SIS controllers for ozone generation and chlorine gas detection.",
    },
    {
      name: "Remote Pumping Stations",
      slT: [2, 2, 2, 2, 2, 1, 2],
      minimumBasis: "self_declared" as const,
      description: "Four unmanned stations connected over a leased-line WAN.",
    },
  ],
};
