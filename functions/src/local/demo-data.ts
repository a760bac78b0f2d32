import type {
  TAssuranceBasis,
  TCertificationInput,
  TComponentRelease,
  TComponentType,
  TMaturity,
  TRole,
  TSecurityContextEntry,
  TTenantKind,
} from "@assure/shared";

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
  /** Lists real vendors' products (from the CISA advisory corpus), so imported advisories match something. */
  { slug: "rhein-automation", name: "Rhein Automation Distribution GmbH", kinds: ["supplier"] },
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
    email: "jan.keller@rhein-automation.example",
    name: "Jan Keller",
    memberships: [{ tenant: "rhein-automation", role: "owner" }],
    as: "supplier (lists Siemens, Schneider Electric, Hitachi Energy products)",
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
  /** The brand, when it is not the supplier tenant's name (real products listed by a distributor). */
  vendor?: string;
  name: string;
  productLine: string;
  componentType: TComponentType;
  description: string;
  modelNumbers: string[];
  slC: number[];
  basis: TAssuranceBasis;
  publish: boolean;
  /** The supplier's own key (what `assure publish` matches; docs/examples/publish/claims.yaml uses these). */
  sourceKey?: string;
  /** Released versions, oldest first. */
  versions?: TComponentRelease[];
  /** Claims per version range; without them, one claim (slC, basis) over all versions. */
  claims?: DemoClaim[];
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
    sourceKey: "nw-plc-5200",
    versions: [
      { version: "3.1.0", releaseDate: "2024-09-12", endOfSupport: "2027-09-30" },
      { version: "3.2.4", releaseDate: "2025-04-03", supersedes: "3.1.0", endOfSupport: "2028-06-30" },
      { version: "4.0.1", releaseDate: "2026-02-17", supersedes: "3.2.4" },
    ],
    claims: [
      {
        versionRange: ">= 3.0, < 4.0",
        slC: [2, 2, 2, 1, 2, 1, 2],
        basis: "self_declared",
        requirementsFromLevels: true,
        securityContext: [
          {
            fr: 5,
            assumption:
              "Place the controller in a zone behind an industrial firewall; it does not filter traffic.",
            expectedParty: "integrator",
          },
        ],
      },
      {
        versionRange: ">= 4.0",
        slC: [3, 3, 3, 2, 3, 2, 3],
        basis: "certified",
        certification: "nw-plc-5200-cb",
        requirementsFromLevels: true,
        securityContext: [
          {
            fr: 5,
            assumption:
              "Place the controller in a zone behind an industrial firewall; it does not filter traffic.",
            expectedParty: "integrator",
          },
          {
            fr: 1,
            assumption: "Connect engineering accounts to the plant's central directory (LDAP/AD) with MFA.",
            expectedParty: "asset_owner",
          },
        ],
        maturity: { SM: 3, SR: 3, SD: 3, SI: 2, SVV: 3, DM: 3, SUM: 3, SG: 2 },
      },
    ],
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
    versions: [{ version: "7.4.2", releaseDate: "2025-10-20" }],
    claims: [
      {
        versionRange: ">= 7.0",
        slC: [3, 3, 3, 3, 3, 2, 3],
        basis: "certified",
        certification: "hc-if300-csa",
        securityContext: [
          {
            fr: 6,
            assumption: "Forward the firewall's syslog to the plant SIEM and review alarms daily.",
            expectedParty: "asset_owner",
          },
        ],
      },
    ],
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
  // Real products named in the CISA ICS advisories (../shared/corpus/csaf/cisa-ics): importing the corpus matches
  // them by model number (CP 443-1), exact vendor + name (SCALANCE W1750D, Modicon M340) or partially (RTU500).
  {
    supplier: "rhein-automation",
    vendor: "Siemens",
    name: "SCALANCE W1750D",
    productLine: "SCALANCE W",
    componentType: "NDR",
    description: "Industrial wireless LAN access point (802.11ac) for plant networks.",
    modelNumbers: [],
    slC: [2, 2, 2, 2, 2, 1, 2],
    basis: "self_declared",
    publish: true,
    versions: [{ version: "8.6.0" }, { version: "8.7.1.3" }, { version: "8.10.0.2" }],
  },
  {
    supplier: "rhein-automation",
    vendor: "Siemens",
    name: "SIMATIC CP 443-1 OPC UA",
    productLine: "SIMATIC S7-400",
    componentType: "EDR",
    description: "Communication processor with an OPC UA server for S7-400 controllers.",
    modelNumbers: ["6GK7443-1UX00-0XE0"],
    slC: [1, 1, 1, 1, 1, 1, 1],
    basis: "self_declared",
    publish: true,
    versions: [{ version: "1.0" }, { version: "2.0" }],
  },
  {
    supplier: "rhein-automation",
    vendor: "Schneider Electric",
    name: "Modicon M340",
    productLine: "Modicon",
    componentType: "EDR",
    description: "Mid-range PLC for process and infrastructure control.",
    modelNumbers: [],
    slC: [1, 1, 1, 1, 1, 1, 1],
    basis: "self_declared",
    publish: true,
    versions: [{ version: "2.90" }, { version: "3.40" }],
  },
  {
    supplier: "rhein-automation",
    vendor: "Hitachi Energy",
    name: "RTU500 series CMU Firmware",
    productLine: "RTU500",
    componentType: "EDR",
    description: "Remote terminal unit firmware for substations and pipelines.",
    modelNumbers: [],
    slC: [2, 2, 2, 1, 2, 1, 2],
    basis: "self_declared",
    publish: true,
    versions: [{ version: "12.4.1" }, { version: "13.2.1" }],
  },
];

export interface DemoClaim {
  versionRange: string;
  slC: number[];
  basis: TAssuranceBasis;
  /** Key of a demo certification behind the claim. */
  certification?: string;
  /** List per-requirement results: every applicable 4-2 row up to the declared level met, the rest not. */
  requirementsFromLevels?: boolean;
  securityContext?: TSecurityContextEntry[];
  maturity?: TMaturity;
}

/** Certifications, each with a generated evidence document; `expiresInDays` counts from the seed date. */
export const demoCertifications: {
  key: string;
  supplier: string;
  certification: Omit<TCertificationInput, "evidenceIds" | "expires">;
  expiresInDays: number;
  evidenceFile: string;
}[] = [
  {
    key: "nw-plc-5200-cb",
    supplier: "northwind",
    certification: {
      scheme: "IECEE CB Scheme (IEC 62443)",
      body: "TÜV SÜD Product Service GmbH",
      certificateNo: "DE-62443-4-2-2025-0173",
      standardPart: "4-2",
      slC: [3, 3, 3, 2, 3, 2, 3],
      issued: "2025-03-14",
      status: "valid",
      scope: "NW-PLC 5200 / 5210 CPU firmware 4.x, embedded device (EDR)",
    },
    // Within 90 days: shows as "expiring soon" on the component page.
    expiresInDays: 60,
    evidenceFile: "CB-certificate-DE-62443-4-2-2025-0173.pdf",
  },
  {
    key: "hc-if300-csa",
    supplier: "helvetia-controls",
    certification: {
      scheme: "ISASecure CSA",
      body: "exida Certification S.A.",
      certificateNo: "ISASecure-CSA-2025-0611",
      standardPart: "4-2",
      slC: [3, 3, 3, 3, 3, 2, 3],
      issued: "2025-06-11",
      status: "valid",
      scope: "IF-300 and IF-300R, firmware 7.x, network device (NDR)",
    },
    expiresInDays: 700,
    evidenceFile: "ISASecure-CSA-2025-0611.pdf",
  },
];

/** An NDA component Northwind shares with one customer only (Rheinwasser). */
export const demoRestrictedComponent = {
  supplier: "northwind",
  sourceKey: "nw-safety-gateway-rw",
  sharedWith: ["rheinwasser"],
  name: "NW Safety Gateway SG-20 (Rheinwasser edition)",
  productLine: "NW Safety",
  componentType: "NDR" as TComponentType,
  description: "Safety-rated gateway between SIS and BPCS, customised for Rheinwasser's ozone plant.",
  modelNumbers: ["SG-20-RW"],
  versions: [{ version: "1.2.0", releaseDate: "2025-11-05" }] as TComponentRelease[],
  claims: [
    {
      versionRange: "*",
      slC: [3, 3, 3, 3, 3, 2, 3],
      basis: "third_party_assessed" as TAssuranceBasis,
      securityContext: [
        {
          fr: 7,
          assumption: "Supply the gateway from the SIS UPS so that it keeps running on mains failure.",
          expectedParty: "asset_owner" as const,
        },
      ],
    },
  ] as DemoClaim[],
};

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

/** What runs in the Kaiserau zones (by zone and component name), the conduits and one countermeasure. */
export const demoSiteModel = {
  assets: [
    {
      zone: "Dosing Control",
      name: "Dosing PLC",
      component: "NW-PLC 5200 Controller",
      version: "3.2.4",
      count: 4,
      role: "Chlorine and flocculant dosing control",
    },
    {
      zone: "Dosing Control",
      name: "Dosing HMI",
      component: "NW-HMI Panel 700",
      version: "5.1.0",
      count: 2,
      role: "Operator panel",
    },
    {
      zone: "Dosing Control",
      name: "Remote I/O",
      component: "HC Remote I/O RIO-8",
      version: "2.0.3",
      count: 6,
      role: "Dosing pump and analyser I/O",
    },
    {
      zone: "Safety Instrumented System",
      name: "SIS controller",
      component: "NW-PLC 5200 Controller",
      version: "4.0.1",
      count: 2,
      role: "Ozone and chlorine gas trips",
    },
    {
      zone: "Enterprise DMZ",
      name: "Historian replica",
      component: "NW Historian Server",
      version: "2.8.1",
      count: 1,
      role: "Read-only replica for the office network",
    },
    {
      zone: "Remote Pumping Stations",
      name: "Station RTU",
      component: "NW-PLC 5200 Controller",
      version: "3.1.0",
      count: 4,
      role: "Pump control per station",
    },
    {
      zone: "Remote Pumping Stations",
      name: "Station wireless access point",
      component: "SCALANCE W1750D",
      version: "8.6.0",
      count: 4,
      role: "Maintenance WLAN at each station (CISA advisories name this version)",
    },
    {
      zone: "Remote Pumping Stations",
      name: "Station switch",
      component: "HC Managed Switch MS-24",
      version: "4.2.0",
      count: 4,
      role: "Station LAN",
    },
  ],
  conduits: [
    {
      name: "DMZ ↔ Dosing",
      from: "Enterprise DMZ",
      to: "Dosing Control",
      protocols: ["OPC UA", "Modbus/TCP"],
      description: "Historian collection and patch distribution through the dosing firewall.",
      assets: [
        {
          name: "Dosing firewall",
          component: "HC Industrial Firewall IF-300",
          version: "7.4.2",
          count: 1,
          role: "Zone boundary",
        },
      ],
    },
    {
      name: "Dosing ↔ SIS",
      from: "Dosing Control",
      to: "Safety Instrumented System",
      protocols: ["Profinet (read-only)"],
      description: "SIS status to the dosing HMIs; no writes into the SIS.",
      assets: [
        {
          name: "Safety gateway",
          component: "NW Safety Gateway SG-20 (Rheinwasser edition)",
          version: "1.2.0",
          count: 1,
          role: "SIS/BPCS gateway",
        },
      ],
    },
    {
      name: "DMZ ↔ Pumping stations",
      from: "Enterprise DMZ",
      to: "Remote Pumping Stations",
      protocols: ["IEC 60870-5-104", "IPsec"],
      description: "Leased-line WAN to the four stations.",
      assets: [],
    },
  ],
  countermeasure: {
    asset: "Remote I/O",
    name: "Remote I/O segmented behind the dosing PLC",
    description:
      "The I/O network is a separate VLAN reachable only from the PLC; switch ports locked to known MACs.",
    frs: [1, 2, 5],
    raisesTo: 2,
    kind: "technical" as const,
    responsibleParty: "integrator" as const,
    evidence: "Network drawing ND-KAI-104 rev C; port-security export of 2026-03-02",
  },
  integrator: { slug: "vantage-si", access: "write" as const },
};
