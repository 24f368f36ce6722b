// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest} from "../utils/Vm.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";

/// @notice Fuzzed admission rules.
contract AdmissionFuzzTest is SpinTest {
    uint256 private constant MEMBERS = 12;
    bytes32 private constant HASH = keccak256("profile");

    CommonsRegistry private registry;
    address private candidate;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new CommonsRegistry(address(this), 1, 7 days);
        for (uint256 i = 0; i < MEMBERS; ++i) {
            registry.admit(_member(i), ICommonsRegistry.Kind.Person, "ipfs://p", HASH);
        }
        candidate = vm.addr(1000);
        vm.prank(candidate);
        registry.applyForAdmission(ICommonsRegistry.Kind.Person, "ipfs://c", HASH);
    }

    /// @dev k-1 distinct vouches (and any repeat of them) leave the candidate an applicant;
    /// the k-th admits it.
    function testFuzz_fewerThanThresholdVouchesNeverAdmit(uint16 k, uint256 repeatSeed) public {
        k = uint16(bound(k, 2, MEMBERS));
        registry.setAdmissionRule(k, 7 days);
        for (uint256 i = 0; i + 1 < k; ++i) {
            vm.prank(_member(i));
            registry.vouch(candidate);
        }
        address repeater = _member(bound(repeatSeed, 0, k - 2));
        vm.prank(repeater);
        vm.expectRevert(
            abi.encodeWithSelector(ICommonsRegistry.CommonsRegistryAlreadyVouched.selector, repeater, candidate)
        );
        registry.vouch(candidate);
        assertTrue(registry.statusOf(candidate) == ICommonsRegistry.Status.Applicant, "admitted below k");

        vm.prank(_member(k - 1));
        registry.vouch(candidate);
        assertTrue(registry.statusOf(candidate) == ICommonsRegistry.Status.Admitted, "not admitted at k");
        assertEq(registry.getVotes(candidate), 1, "one vote on admission");
    }

    /// @dev A vouch at any time after the window refuses and changes nothing.
    function testFuzz_vouchAfterWindowReverts(uint32 late) public {
        (, uint48 windowEnd) = registry.applicationOf(candidate);
        uint256 when = uint256(windowEnd) + bound(late, 1, 10 * 365 days);
        vm.warp(when);
        vm.prank(_member(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommonsRegistry.CommonsRegistryApplicationExpired.selector,
                candidate,
                windowEnd,
                when
            )
        );
        registry.vouch(candidate);
        assertTrue(registry.statusOf(candidate) == ICommonsRegistry.Status.Applicant, "status changed");
    }

    /// @dev Accounts the registry does not know are refused by every rule.
    function testFuzz_unknownAccountsAreRefused(address stranger, uint256 value, bytes calldata payload) public {
        vm.assume(stranger != candidate);
        for (uint256 i = 0; i < MEMBERS; ++i) vm.assume(stranger != _member(i));
        assertTrue(!registry.isAllowed(stranger), "isAllowed");
        assertTrue(!registry.transactionAllowed(stranger, address(registry), value, 1, 21_000, payload), "tx");
        (bool a, bool b) = registry.areAllowed(stranger, _member(0));
        assertTrue(!a && b, "areAllowed");
    }

    function _member(uint256 i) private pure returns (address) {
        return address(uint160(0x1000 + i));
    }
}
