// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest} from "../utils/Vm.sol";
import {WorksSetup} from "../works/WorksSetup.sol";
import {ILicensing} from "../../../contracts/interfaces/ILicensing.sol";

/// @notice Revocation revokes: the running term and the term paid ahead, and every new record
/// until governance lifts it.
contract RevocationTest is SpinTest, WorksSetup {
    uint256 internal work;
    uint256 internal constant TERM = 365 days;

    function setUp() public {
        deploySpin();
        work = registerAs(persons[0], registrationOf(keccak256("w"), PPL, 5_000, 2_500, new uint256[](0)));
    }

    function _buy() internal returns (uint64) {
        vm.prank(firm);
        return licensing.purchase(work, 100 ether, 0, 0, bytes32(0), bytes32(0));
    }

    /// @notice Whichever of its two records governance revokes, the firm loses the running term
    /// and the term it paid ahead, cannot buy again until the revocation is lifted, and then
    /// starts a fresh term: nothing of the voided time comes back.
    function testFuzz_revocationVoidsThePaidAheadTerm(bool revokeAhead, uint32 elapsed, uint32 later) public {
        uint64 running = _buy();
        vm.warp(block.timestamp + (elapsed % TERM));
        uint64 ahead = _buy();
        assertEq(licensing.recordOf(ahead).start, licensing.recordOf(running).expiry, "paid ahead");
        licensing.revoke(revokeAhead ? ahead : running, "fraud");
        vm.warp(block.timestamp + (later % (3 * TERM)));
        ILicensing.Status memory s = licensing.licenceStatus(work, firm);
        assertTrue(!s.allowed, "no right left");
        assertTrue(s.reason == ILicensing.Reason.Revoked, "revoked");
        assertEq(s.validUntil, 0, "a revoked licence reports no term");
        assertEq(s.recordId, ahead, "the latest record");
        assertTrue(licensing.recordOf(running).revoked, "running term voided");
        assertTrue(licensing.recordOf(ahead).revoked, "term paid ahead voided");
        vm.expectRevert(abi.encodeWithSelector(ILicensing.LicensingRevoked.selector, work, firm, ahead));
        _buy();
        licensing.liftRevocation(work, firm, "settled");
        s = licensing.licenceStatus(work, firm);
        assertTrue(s.reason == ILicensing.Reason.NoLicence && s.recordId == 0, "no licence after the lift");
        uint64 fresh = _buy();
        assertEq(licensing.recordOf(fresh).start, block.timestamp, "a fresh term starts now");
        assertTrue(licensing.recordOf(ahead).revoked, "voided records stay voided");
    }

    /// @notice A commoner whose record is revoked cannot record use again, and is told Revoked,
    /// until the revocation is lifted.
    function testFuzz_revokedCommonerCannotRecordAgain(uint8 who, uint8 uses) public {
        address person = persons[who % 3];
        uint64 recordId;
        for (uint256 i; i <= uses % 3; ++i) {
            vm.prank(person);
            recordId = licensing.recordCommonsUse(work);
        }
        licensing.revoke(recordId, "misuse");
        ILicensing.Status memory s = licensing.licenceStatus(work, person);
        assertTrue(!s.allowed && s.reason == ILicensing.Reason.Revoked, "revoked");
        vm.prank(person);
        vm.expectRevert(abi.encodeWithSelector(ILicensing.LicensingRevoked.selector, work, person, recordId));
        licensing.recordCommonsUse(work);
        licensing.liftRevocation(work, person, "settled");
        s = licensing.licenceStatus(work, person);
        assertTrue(s.allowed && s.reason == ILicensing.Reason.CommonsUse, "free use again");
        assertEq(s.validUntil, 0, "commons use has no term");
        vm.prank(person);
        licensing.recordCommonsUse(work);
    }

    /// @notice A firm may pay at most one term ahead: a third term is refused until the running
    /// one ends, naming from when it may buy.
    function testFuzz_atMostOneTermAhead(uint32 elapsed) public {
        _buy();
        uint64 ahead = _buy();
        uint40 paidUntil = licensing.recordOf(ahead).expiry;
        vm.warp(block.timestamp + (elapsed % (2 * TERM)));
        if (paidUntil - block.timestamp > TERM) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ILicensing.LicensingPaidAhead.selector,
                    work,
                    paidUntil,
                    paidUntil - TERM
                )
            );
            _buy();
        } else {
            uint64 next = _buy();
            uint256 start = paidUntil > block.timestamp ? paidUntil : block.timestamp;
            assertEq(licensing.recordOf(next).start, start, "renewal starts at the end of the paid term");
        }
    }
}
