"use client";
/**
 * The state of a form that checks a profile field by field, then has it stored and signed for
 * (joining, changing a pending application's profile): the fields, their problems, the step the
 * wallet is at and the refusal in words. Each form supplies what it signs and what follows.
 */
import { useState } from "react";
import { useAccount } from "wagmi";
import { useSigningClock } from "@/hooks/admission";
import { useContracts } from "@/lib/contracts";
import {
  validateProfile,
  type ProfileForm,
  type ProfileProblems,
  type ProfileSigning,
} from "@/lib/profile";
import { useSpin } from "@/lib/spin";

export type ProfileStep = "storing" | "signing" | "sending";

export function useProfileForm(initial: ProfileForm, refusalOf: (error: unknown) => string) {
  const contracts = useContracts();
  const { config } = useSpin();
  const signingClock = useSigningClock();
  const { address } = useAccount();
  const [form, setForm] = useState<ProfileForm>(initial);
  const [problems, setProblems] = useState<ProfileProblems>({});
  const [step, setStep] = useState<ProfileStep | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  /** A submit handler: checks the fields, then runs `act` with the profile and the clock. */
  const submitWith =
    (act: (input: ProfileSigning, setStep: (step: ProfileStep) => void) => Promise<void>) =>
    async (e: React.FormEvent) => {
      e.preventDefault();
      const checked = validateProfile(form);
      if ("problems" in checked) return setProblems(checked.problems);
      if (!address) return;
      setProblems({});
      setRefusal(null);
      setStep("storing");
      try {
        const { nonce, now } = await signingClock(address);
        await act(
          {
            applicant: address,
            profile: checked.profile,
            chainId: config.chainId,
            admissions: contracts.admissions.address,
            nonce,
            now,
          },
          setStep,
        );
      } catch (error) {
        setRefusal(refusalOf(error));
      } finally {
        setStep(null);
      }
    };

  return { address, form, setForm, problems, step, refusal, submitWith };
}
