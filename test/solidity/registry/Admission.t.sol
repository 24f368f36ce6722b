// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest} from "../utils/Vm.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {Admissions} from "../../../contracts/registry/Admissions.sol";
import {IAdmission} from "../../../contracts/interfaces/IAdmission.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";

/// @notice Fuzzed admission rules: the threshold, the window, the vouch budget's bound on what a
/// faction can push through in one period, and the delays before an admission and its vote.
contract AdmissionFuzzTest is SpinTest {
    uint256 private constant MEMBERS = 12;
    uint256 private constant APPLICANTS = 64;
    bytes32 private constant HASH = keccak256("profile");
    string private constant URI = "ipfs://c";

    CommonsRegistry private registry;
    Admissions private admissions;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new CommonsRegistry(address(this), 1, 7 days);
        admissions = Admissions(registry.admissions());
        for (uint256 i = 0; i < MEMBERS; ++i) {
            registry.admit(_member(i), ICommonsRegistry.Kind.Person, "ipfs://p", HASH);
        }
        // Every founder is senior enough to vouch.
        vm.warp(block.timestamp + 28 days);
    }

    /// @dev k-1 distinct vouches (and any repeat of them) leave the application open; the k-th
    /// schedules it, and nothing admits it before the admission delay.
    function testFuzz_fewerThanThresholdVouchesNeverSchedule(
        uint16 k,
        uint256 repeatSeed,
        uint32 delay
    ) public {
        k = uint16(bound(k, 2, MEMBERS));
        delay = uint32(bound(delay, 0, 365 days));
        _setRule(k, 64, 30 days, delay, 14 days);
        address candidate = _applicant(0);
        _apply(candidate);
        for (uint256 i = 0; i + 1 < k; ++i) {
            vm.prank(_member(i));
            admissions.vouch(candidate, HASH);
        }
        address repeater = _member(bound(repeatSeed, 0, k - 2));
        vm.prank(repeater);
        vm.expectRevert(
            abi.encodeWithSelector(IAdmission.AdmissionsAlreadyVouched.selector, repeater, candidate)
        );
        admissions.vouch(candidate, HASH);
        assertTrue(_state(candidate) == IAdmission.ApplicationState.Open, "scheduled below k");

        vm.prank(_member(k - 1));
        admissions.vouch(candidate, HASH);
        IAdmission.Application memory a = admissions.applicationOf(candidate);
        assertEq(a.admissibleAt, block.timestamp + delay, "admission not scheduled after the delay");
        if (delay > 0) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAdmission.AdmissionsAdmissionNotDue.selector,
                    candidate,
                    a.admissibleAt,
                    block.timestamp
                )
            );
            admissions.completeAdmission(candidate, URI);
        }
        vm.warp(a.admissibleAt);
        admissions.completeAdmission(candidate, URI);
        assertTrue(registry.statusOf(candidate) == ICommonsRegistry.Status.Admitted, "not admitted");
        assertEq(registry.getVotes(candidate), 0, "a vote before ripening");
    }

    /// @dev A faction of f senior members, each with a budget of b vouches per period, schedules
    /// exactly floor(f * b / k) admissions in one period when it spends its budget as well as it
    /// can (k distinct vouchers each), and not one more: the bound docs/security.md gives.
    function testFuzz_aFactionSchedulesAtMostItsBudgetOverTheThreshold(uint8 f, uint16 k, uint16 b) public {
        k = uint16(bound(k, 1, 6));
        f = uint8(bound(f, k, MEMBERS));
        b = uint16(bound(b, 1, 4));
        _setRule(k, b, 30 days, 14 days, 14 days);
        // Start at the beginning of a budget period, so the whole campaign falls in one.
        vm.warp((block.timestamp / 30 days + 1) * 30 days);

        uint256 bound_ = (uint256(f) * b) / k;
        uint256 turn = 0;
        for (uint256 j = 0; j < bound_; ++j) {
            address candidate = _applicant(j);
            _apply(candidate);
            for (uint256 i = 0; i < k; ++i) {
                vm.prank(_member(turn++ % f));
                admissions.vouch(candidate, HASH);
            }
            assertTrue(_state(candidate) == IAdmission.ApplicationState.Scheduled, "not scheduled");
        }

        // One more candidate: the faction's leftover budget cannot reach k.
        address next = _applicant(bound_);
        _apply(next);
        uint256 given = 0;
        for (uint256 i = 0; i < f; ++i) {
            address voucher = _member(i);
            (uint16 remaining, ) = admissions.vouchBudgetOf(voucher);
            vm.prank(voucher);
            if (remaining == 0) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IAdmission.AdmissionsVouchBudgetExhausted.selector,
                        voucher,
                        b,
                        (block.timestamp / 30 days + 1) * 30 days
                    )
                );
                admissions.vouch(next, HASH);
            } else {
                admissions.vouch(next, HASH);
                ++given;
            }
        }
        assertTrue(given < k, "the faction had budget left for one more admission");
        assertTrue(_state(next) == IAdmission.ApplicationState.Open, "scheduled beyond the bound");
    }

    /// @dev A vouch at any time after the window refuses and changes nothing.
    function testFuzz_vouchAfterWindowReverts(uint32 late) public {
        address candidate = _applicant(0);
        _apply(candidate);
        uint48 windowEnd = admissions.applicationOf(candidate).windowEnd;
        uint256 when = uint256(windowEnd) + bound(late, 1, 10 * 365 days);
        vm.warp(when);
        vm.prank(_member(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAdmission.AdmissionsApplicationExpired.selector,
                candidate,
                windowEnd,
                when
            )
        );
        admissions.vouch(candidate, HASH);
        assertTrue(_state(candidate) == IAdmission.ApplicationState.Closed, "state changed");
    }

    /// @dev A Person admitted by vouches cannot vouch before its seniority, whatever the time.
    function testFuzz_newMembersVouchOnlyOnceSenior(uint32 wait) public {
        address candidate = _applicant(0);
        _apply(candidate);
        vm.prank(_member(0));
        admissions.vouch(candidate, HASH);
        vm.warp(block.timestamp + 14 days);
        admissions.completeAdmission(candidate, URI);
        uint48 since = uint48(block.timestamp);
        address other = _applicant(1);
        _apply(other);
        vm.warp(block.timestamp + bound(wait, 0, 28 days - 1));
        vm.prank(candidate);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAdmission.AdmissionsVoucherTooRecent.selector,
                candidate,
                since,
                uint256(since) + 28 days
            )
        );
        admissions.vouch(other, HASH);
    }

    /// @dev Accounts the registry does not know are refused by every rule.
    function testFuzz_unknownAccountsAreRefused(
        address stranger,
        uint256 value,
        bytes calldata payload
    ) public {
        for (uint256 i = 0; i < MEMBERS; ++i) vm.assume(stranger != _member(i));
        assertTrue(!registry.isAllowed(stranger), "isAllowed");
        assertTrue(
            !registry.transactionAllowed(stranger, address(admissions), value, 1, 21_000, payload),
            "tx"
        );
        (bool a, bool b) = registry.areAllowed(stranger, _member(0));
        assertTrue(!a && b, "areAllowed");
    }

    /// @dev The registry admits an application once: even a faulty Admissions could not admit an
    /// account twice and count its vote twice.
    function test_registryRefusesToAdmitAParticipantAgain() public {
        vm.startPrank(address(admissions));
        registry.admitFromApplication(
            _applicant(0),
            ICommonsRegistry.Kind.Person,
            URI,
            HASH,
            0,
            ICommonsRegistry.AdmissionPath.Vouches
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommonsRegistry.CommonsRegistryCannotAdmit.selector,
                _applicant(0),
                ICommonsRegistry.Status.Admitted
            )
        );
        registry.admitFromApplication(
            _applicant(0),
            ICommonsRegistry.Kind.Person,
            URI,
            HASH,
            0,
            ICommonsRegistry.AdmissionPath.Vouches
        );
        vm.stopPrank();
        assertEq(registry.totalVotes(), MEMBERS + 1, "one vote for one admission");
    }

    function _setRule(uint16 k, uint16 budget, uint32 period, uint32 delay, uint32 ripening) private {
        admissions.setAdmissionRule(
            IAdmission.AdmissionRule(k, 30 days, delay, ripening, 28 days, budget, period, 30 days)
        );
    }

    function _apply(address candidate) private {
        vm.prank(candidate);
        admissions.applyForAdmission(ICommonsRegistry.Kind.Person, URI, HASH);
    }

    function _state(address candidate) private view returns (IAdmission.ApplicationState) {
        return admissions.applicationOf(candidate).state;
    }

    function _member(uint256 i) private pure returns (address) {
        return address(uint160(0x1000 + i));
    }

    function _applicant(uint256 j) private pure returns (address) {
        require(j < APPLICANTS, "too many applicants");
        return address(uint160(0x2000 + j));
    }
}
