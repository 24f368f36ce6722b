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

    /// @notice Whichever of its records governance revokes, the firm loses the running term and
    /// every term it paid ahead, cannot buy again until the revocation is lifted, and then starts
    /// a fresh term: nothing of the voided time comes back.
    function testFuzz_revocationVoidsThePaidAheadTerms(
        uint8 ahead,
        uint8 pick,
        uint32 elapsed,
        uint32 later
    ) public {
        uint256 count = 2 + (ahead % 5);
        uint64[] memory ids = new uint64[](count);
        ids[0] = _buy();
        vm.warp(block.timestamp + (elapsed % TERM));
        for (uint256 i = 1; i < count; ++i) ids[i] = _buy();
        uint64 latest = ids[count - 1];
        assertEq(licensing.recordOf(ids[1]).start, licensing.recordOf(ids[0]).expiry, "paid ahead");
        licensing.revoke(ids[pick % count], "fraud");
        for (uint256 i; i < count; ++i) assertTrue(licensing.recordOf(ids[i]).revoked, "a live term kept");
        vm.warp(block.timestamp + (later % (8 * TERM)));
        ILicensing.Status memory s = licensing.licenceStatus(work, firm);
        assertTrue(!s.allowed, "no right left");
        assertTrue(s.reason == ILicensing.Reason.Revoked, "revoked");
        assertEq(s.validUntil, 0, "a revoked licence reports no term");
        assertEq(s.recordId, latest, "the latest record");
        vm.expectRevert(abi.encodeWithSelector(ILicensing.LicensingRevoked.selector, work, firm, latest));
        _buy();
        licensing.liftRevocation(work, firm, "settled");
        s = licensing.licenceStatus(work, firm);
        assertTrue(s.reason == ILicensing.Reason.NoLicence && s.recordId == 0, "no licence after the lift");
        uint64 fresh = _buy();
        assertEq(licensing.recordOf(fresh).start, block.timestamp, "a fresh term starts now");
        assertTrue(licensing.recordOf(latest).revoked, "voided records stay voided");
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

    /// @notice A firm may pay at most `MAX_TERMS_AHEAD` terms ahead: one more is refused until
    /// time has passed, naming from when it may buy.
    function testFuzz_atMostMaxTermsAhead(uint32 elapsed) public {
        uint256 max = licensing.MAX_TERMS_AHEAD();
        uint64 last;
        for (uint256 i; i <= max; ++i) last = _buy();
        uint40 paidUntil = licensing.recordOf(last).expiry;
        vm.warp(block.timestamp + (elapsed % (2 * TERM)));
        uint40 ahead = uint40(max * TERM);
        if (paidUntil - block.timestamp > ahead) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ILicensing.LicensingPaidAhead.selector,
                    work,
                    paidUntil,
                    paidUntil - ahead
                )
            );
            _buy();
        } else {
            assertEq(licensing.recordOf(_buy()).start, paidUntil, "the next term follows the paid ones");
        }
    }

    /// @notice A revocation walks back at most `MAX_TERMS_AHEAD` + 1 records: a commoner with
    /// more records of use keeps its oldest flags, but is refused all the same.
    function test_revocationWalkIsBounded() public {
        address person = persons[0];
        uint256 max = licensing.MAX_TERMS_AHEAD();
        uint64 latest;
        for (uint256 i; i < max + 3; ++i) {
            vm.prank(person);
            latest = licensing.recordCommonsUse(work);
        }
        licensing.revoke(latest, "misuse");
        for (uint64 id = latest; id > latest - uint64(max) - 1; --id) {
            assertTrue(licensing.recordOf(id).revoked, "a recent record kept");
        }
        assertTrue(!licensing.recordOf(latest - uint64(max) - 1).revoked, "the walk stops");
        ILicensing.Status memory s = licensing.licenceStatus(work, person);
        assertTrue(!s.allowed && s.reason == ILicensing.Reason.Revoked, "refused all the same");
    }
}
