/**
 * The admission path through the indexer, on a real anvil node, with one indexer on PGlite and
 * one on PostgreSQL: a newcomer signs, posts to the relay inbox, a member relays it with a vouch,
 * another vouches, the admission is scheduled, falls due, is completed, and the vote ripens; at
 * each step the API's states equal the contract's views. Then every refusal of the inbox, each
 * beside the contract's own refusal of the same relay.
 */
import { expect } from "chai";
import { Wallet } from "ethers";
import {
  DAY,
  Kind,
  RULE,
  postApplication,
  relayable,
  signApplication,
  startAdmissionsChain,
  type AdmissionsChain,
  type Signed,
} from "./helpers/admissions.ts";
import { contractChecker } from "./helpers/contract.ts";

/** IAdmission.ApplicationState. */
const State = { None: 0n, Open: 1n, Closed: 2n, Scheduled: 3n, Admissible: 4n };
const contractState: Record<string, bigint> = {
  open: State.Open,
  scheduled: State.Scheduled,
  admissible: State.Admissible,
  rejected: State.Closed,
  expired: State.Closed,
  admitted: State.None,
};

interface ApplicationAnswer {
  state: string;
  round: number;
  vouches: number;
  threshold: number;
  windowEnd: number;
  admissibleAt: number | null;
  mayApplyFrom: number | null;
  profileHash: string;
  reason: string | null;
  admittedBy: string | null;
}
interface ParticipantAnswer {
  statusName: string;
  name: string | null;
  member_since: number;
  application: ApplicationAnswer | null;
  vote: { state: string; ripensAt: number | null; counts: boolean };
  vouchers: { voucher: string }[];
}
interface Listed {
  applicant: string;
  name: string | null;
  kindName: string;
  application: Parameters<typeof relayable>[0]["application"];
  signature: `0x${string}`;
}

describe("indexer: admissions and the relay inbox (anvil, PGlite and PostgreSQL)", function () {
  this.timeout(600_000);
  let c: AdmissionsChain;
  const contract = contractChecker();

  before(async () => {
    c = await startAdmissionsChain({ api: { applications: { maxPending: 6 } } } as never);
  });
  after(async () => {
    await c?.close();
  });

  async function get<T>(route: string): Promise<T[]> {
    const answers: T[] = [];
    for (const { kind, indexer } of c.indexers) {
      const response = await contract.fetch(`${indexer.url}${route}`);
      expect(response.status, `${kind} ${route}`).to.equal(200);
      answers.push((await response.json()) as T);
    }
    return answers;
  }

  /** Posts to every indexer; all must answer alike. */
  async function post(signed: Signed, withProfile = true) {
    const answers = [];
    for (const { indexer } of c.indexers)
      answers.push(await postApplication(indexer, signed, withProfile));
    expect(answers[1], "PGlite and PostgreSQL answer alike").to.deep.include({
      status: answers[0].status,
    });
    expect(answers[1].body.error).to.equal(answers[0].body.error);
    return answers[0];
  }

  async function listed(): Promise<Listed[]> {
    await c.synced();
    const pages = await get<{ items: (Listed & { receivedAt?: string })[] }>(
      "/applications?limit=100",
    );
    const [pglite, postgres] = pages.map((p) =>
      p.items.map(({ receivedAt: _received, ...rest }) => rest),
    );
    expect(postgres, "PGlite and PostgreSQL list alike").to.deep.equal(pglite);
    return pglite;
  }

  /** The participant as both indexers serve it, checked against the contract's views. */
  async function expectAsContract(account: string): Promise<ParticipantAnswer> {
    await c.synced();
    const [pglite, postgres] = await get<ParticipantAnswer>(
      `/participants/${account.toLowerCase()}`,
    );
    expect(postgres).to.deep.equal(pglite);
    const onChain = await c.admissions.applicationOf(account);
    const application = pglite.application!;
    expect(contractState[application.state], `state ${application.state}`).to.equal(onChain.state);
    if (onChain.state !== State.None) {
      expect([
        application.round,
        application.vouches,
        application.threshold,
        application.windowEnd,
        application.admissibleAt ?? 0,
        application.mayApplyFrom ?? 0,
        application.profileHash,
      ]).to.deep.equal([
        Number(onChain.round),
        Number(onChain.vouches),
        Number(onChain.threshold),
        Number(onChain.windowEnd),
        Number(onChain.admissibleAt),
        Number(onChain.mayApplyFrom),
        onChain.profileHash,
      ]);
    }
    const standing = await c.registry.standingOf(account);
    expect([pglite.member_since, pglite.vote.ripensAt ?? 0]).to.deep.equal([
      Number(standing.memberSince),
      Number(standing.voteRipensAt),
    ]);
    const votes = await c.registry.getVotes(account);
    expect(pglite.vote.counts, "its own vote counts").to.equal(votes === 1n);
    return pglite;
  }

  it("follows a signed application from the inbox to a ripe vote, as the contracts see it", async () => {
    const [relayer, second, third] = c.founders;
    const mateo = Wallet.createRandom();
    const signed = await signApplication(c, mateo, "Mateo Quispe");
    const stored = await post(signed);
    expect(stored.status, JSON.stringify(stored.body)).to.equal(201);

    const inbox = await listed();
    const entry = inbox.find((e) => e.applicant === mateo.address.toLowerCase())!;
    expect([entry.name, entry.kindName]).to.deep.equal(["Mateo Quispe", "Person"]);
    await (
      await c.admissions.connect(relayer).applyBySigAndVouch(relayable(entry), entry.signature)
    ).wait();
    expect((await listed()).map((e) => e.applicant)).not.to.include(mateo.address.toLowerCase());

    let answer = await expectAsContract(mateo.address);
    expect([answer.application!.state, answer.name, answer.statusName]).to.deep.equal([
      "open",
      "Mateo Quispe",
      "Applicant",
    ]);
    expect(answer.vouchers.map((v) => v.voucher)).to.deep.equal([relayer.address.toLowerCase()]);
    const again = await signApplication(c, mateo, "Mateo Quispe");
    expect((await post(again)).body.error).to.equal("already_applied");
    await expect(
      c.admissions.applyBySig.staticCall(again.application, again.signature),
    ).to.be.revertedWithCustomError(c.admissions, "AdmissionsAlreadyApplied");

    await (
      await c.admissions.connect(second).vouch(mateo.address, signed.application.profileHash)
    ).wait();
    answer = await expectAsContract(mateo.address);
    expect(answer.application!.state).to.equal("scheduled");
    const [open] = await get<{ items: { account: string }[] }>(
      "/participants?application=scheduled",
    );
    expect(open.items.map((p) => p.account)).to.include(mateo.address.toLowerCase());

    await c.advance(RULE.admissionDelay);
    expect((await expectAsContract(mateo.address)).application!.state).to.equal("admissible");
    await (
      await c.admissions
        .connect(third)
        .completeAdmission(mateo.address, signed.application.profileURI)
    ).wait();
    answer = await expectAsContract(mateo.address);
    expect([
      answer.application!.state,
      answer.application!.admittedBy,
      answer.statusName,
    ]).to.deep.equal(["admitted", "Vouches", "Admitted"]);
    expect([answer.vote.state, answer.vote.counts]).to.deep.equal(["ripening", false]);
    expect(answer.vouchers).to.deep.equal([]);

    await c.advance(RULE.ripeningPeriod);
    expect((await expectAsContract(mateo.address)).vote.state).to.equal("ripenable");
    await (await c.registry.connect(relayer).ripen(mateo.address)).wait();
    answer = await expectAsContract(mateo.address);
    expect([answer.vote.state, answer.vote.counts, answer.vote.ripensAt]).to.deep.equal([
      "ripe",
      true,
      null,
    ]);
    const [rules] = await get<Record<string, number>>("/registry/rules");
    expect(rules).to.deep.include({
      vouchThreshold: RULE.vouchThreshold,
      admissionDelaySeconds: RULE.admissionDelay,
      ripeningPeriodSeconds: RULE.ripeningPeriod,
      voucherSenioritySeconds: RULE.voucherSeniority,
      vouchBudget: RULE.vouchBudget,
      budgetPeriodSeconds: RULE.budgetPeriod,
      reapplyCooldownSeconds: RULE.reapplyCooldown,
    });
  });

  it("shows a rejected application cooling down and an expired one, as applicationOf does", async () => {
    const [relayer] = c.founders;
    const rejected = Wallet.createRandom();
    const expired = Wallet.createRandom();
    for (const [who, name] of [
      [rejected, "Rejected Ruth"],
      [expired, "Late Lars"],
    ] as const) {
      const signed = await signApplication(c, who, name);
      expect((await post(signed)).status).to.equal(201);
      await (
        await c.admissions.connect(relayer).applyBySig(signed.application, signed.signature)
      ).wait();
    }
    await (await c.admissions.rejectApplication(rejected.address, "not a maker")).wait();
    let answer = await expectAsContract(rejected.address);
    expect([answer.application!.state, answer.application!.reason]).to.deep.equal([
      "rejected",
      "not a maker",
    ]);
    expect(answer.application!.mayApplyFrom).to.equal((await c.now()) + RULE.reapplyCooldown);

    const retry = await signApplication(c, rejected, "Rejected Ruth");
    const refused = await post(retry);
    expect([refused.status, refused.body.error, refused.body.field]).to.deep.equal([
      409,
      "cooling_down",
      "body.application.applicant",
    ]);
    await expect(
      c.admissions.applyBySig.staticCall(retry.application, retry.signature),
    ).to.be.revertedWithCustomError(c.admissions, "AdmissionsCoolingDown");

    await c.advance(RULE.vouchWindow + 1);
    answer = await expectAsContract(expired.address);
    expect(answer.application!.state).to.equal("expired");
    await c.advance(RULE.reapplyCooldown);
    await expectAsContract(rejected.address);
    const later = await signApplication(c, rejected, "Rejected Ruth");
    expect((await post(later)).status, "after the cool-down").to.equal(201);
  });

  describe("refusals of POST /applications", () => {
    /** Posts, expects the refusal, and shows the contract refusing the same relay. */
    async function refused(
      signed: Signed,
      status: number,
      error: string,
      field: string,
      contractError?: string,
      withProfile = true,
    ) {
      const answer = await post(signed, withProfile);
      expect(
        [answer.status, answer.body.error, answer.body.field],
        String(answer.body.message),
      ).to.deep.equal([status, error, field]);
      expect(answer.body.message).to.be.a("string").and.not.equal("");
      if (contractError) {
        await expect(
          c.admissions.applyBySig.staticCall(signed.application, signed.signature),
        ).to.be.revertedWithCustomError(c.admissions, contractError);
      }
      const inbox = await listed();
      expect(inbox.map((e) => e.applicant)).not.to.include(signed.application.applicant);
    }

    it("refuses a signature by anyone but the applicant", async () => {
      const signed = await signApplication(c, Wallet.createRandom(), "Forged Fred", {
        signer: Wallet.createRandom(),
      });
      await refused(signed, 401, "bad_signature", "body.signature", "AdmissionsInvalidSignature");
    });

    it("refuses a malleable (high-s) signature the contract would refuse", async () => {
      const signed = await signApplication(c, Wallet.createRandom(), "Malleable Mo");
      const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
      const s = BigInt(`0x${signed.signature.slice(66, 130)}`);
      const v = signed.signature.slice(130) === "1b" ? "1c" : "1b";
      const flipped = `${signed.signature.slice(0, 66)}${(n - s).toString(16).padStart(64, "0")}${v}`;
      await refused(
        { ...signed, signature: flipped as `0x${string}` },
        401,
        "bad_signature",
        "body.signature",
        "AdmissionsInvalidSignature",
      );
    });

    it("refuses a nonce other than the applicant's next", async () => {
      const signed = await signApplication(c, Wallet.createRandom(), "Ahead Ada", { nonce: 5n });
      await refused(signed, 409, "wrong_nonce", "body.application.nonce", "InvalidAccountNonce");
    });

    it("refuses an expired signature", async () => {
      const signed = await signApplication(c, Wallet.createRandom(), "Slow Sam", {
        deadline: BigInt((await c.now()) - 1),
      });
      await refused(
        signed,
        401,
        "expired_signature",
        "body.application.deadline",
        "AdmissionsExpiredSignature",
      );
    });

    it("refuses a deadline further ahead than the inbox keeps applications", async () => {
      const signed = await signApplication(c, Wallet.createRandom(), "Patient Pat", {
        deadline: BigInt((await c.now()) + 30 * DAY),
      });
      await refused(signed, 400, "deadline_too_far", "body.application.deadline");
    });

    it("refuses an application from a member", async () => {
      const signed = await signApplication(c, c.founders[3], "Founder");
      await refused(
        signed,
        409,
        "already_participant",
        "body.application.applicant",
        "AdmissionsCannotApply",
      );
    });

    it("refuses an invalid kind and place data on a non-Place", async () => {
      const kindless = await signApplication(c, Wallet.createRandom(), "Nobody", {
        kind: 0 as never,
        document: "{}",
      });
      await refused(
        kindless,
        400,
        "invalid_kind",
        "body.application.kind",
        "AdmissionsInvalidKind",
        false,
      );
      const placed = await signApplication(c, Wallet.createRandom(), "Sneaky", {
        place: { name: "junk", latitudeE6: 0, longitudeE6: 0, country: "0x0000", machines: [] },
      });
      await refused(
        placed,
        400,
        "unexpected_place",
        "body.application.place",
        "AdmissionsUnexpectedPlace",
      );
    });

    it("refuses a profile document that is not the one signed, or of another kind", async () => {
      const other = await signApplication(c, Wallet.createRandom(), "Switcher");
      await refused(
        { ...other, profile: JSON.stringify({ name: "Someone else", kind: "Person" }) },
        400,
        "profile_mismatch",
        "body.profile",
      );
      const coop = await signApplication(c, Wallet.createRandom(), "Kind Karl", {
        document: JSON.stringify({ name: "Kind Karl", kind: "Cooperative" }),
      });
      await refused(coop, 400, "profile_mismatch", "body.profile");
      const missing = await signApplication(c, Wallet.createRandom(), "Unknown Uma");
      await refused(missing, 400, "profile_missing", "body.profile", undefined, false);
    });

    it("refuses a body over the bound and a place over the contract's bounds", async () => {
      const big = await signApplication(c, Wallet.createRandom(), "Verbose Vi");
      const response = await fetch(`${c.indexers[0].indexer.url}/applications`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...big, padding: "x".repeat(40_000) }, (_k, v) =>
          typeof v === "bigint" ? v.toString() : v,
        ),
      });
      const body = (await response.json()) as { error: string; limit: number };
      expect([response.status, body.error, body.limit]).to.deep.equal([
        413,
        "too_large",
        24 * 1024,
      ]);
      // Streamed without a length: refused at the first byte too many.
      const chunk = new TextEncoder().encode(`{"padding":"${"y".repeat(8 * 1024)}`);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 100) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const streamed = await fetch(`${c.indexers[1].indexer.url}/applications`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      const refusal = (await streamed.json()) as { error: string; used: number };
      expect([streamed.status, refusal.error]).to.deep.equal([413, "too_large"]);
      expect(refusal.used).to.be.within(24 * 1024 + 1, 4 * chunk.length);
      const crowded = await signApplication(c, Wallet.createRandom(), "Crowded Hall", {
        kind: Kind.Place,
        place: {
          name: "Crowded Hall",
          latitudeE6: 1,
          longitudeE6: 1,
          country: "0x4652",
          machines: Array.from({ length: 33 }, (_, i) => `machine ${i}`),
        },
      });
      await refused(
        crowded,
        400,
        "invalid_place",
        "body.application.place.machines",
        "CommonsRegistryTooManyMachines",
      );
    });

    it("refuses more waiting applications than the inbox holds", async () => {
      let answer = { status: 201, body: {} as Record<string, unknown> };
      let stored = 0;
      while (answer.status === 201 && stored < 10) {
        answer = await post(await signApplication(c, Wallet.createRandom(), `Crowd ${stored}`));
        if (answer.status === 201) stored += 1;
      }
      expect([answer.status, answer.body.error, answer.body.limit]).to.deep.equal([
        429,
        "quota_exceeded",
        6,
      ]);
      expect((await listed()).length).to.equal(6);
    });
  });
});
