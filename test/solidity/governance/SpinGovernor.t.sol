// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest} from "../utils/Vm.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";
import {SpinGovernor} from "../../../contracts/governance/SpinGovernor.sol";
import {SpinTimelock} from "../../../contracts/governance/SpinTimelock.sol";
import {IVotesExtended} from "../../../contracts/interfaces/IVotesExtended.sol";

/// @dev Random delegations among members, then random direct and override votes in random order:
/// every member's vote must be counted exactly once (by its own override, else by its delegate's
/// vote) or not at all, and nobody may vote twice the same way.
contract SpinGovernorFuzzTest is SpinTest {
    uint256 internal constant MEMBERS = 8;
    uint256 internal constant ACTIONS = 16;

    CommonsRegistry internal registry;
    SpinGovernor internal governor;
    address[MEMBERS] internal members;

    // What the test expects, mirrored from successful calls.
    uint256[MEMBERS] internal delegateOf;
    bool[MEMBERS] internal voted;
    uint8[MEMBERS] internal voteSupport;
    bool[MEMBERS] internal overridden;
    uint8[MEMBERS] internal overrideSupport;

    function setUp() public {
        registry = new CommonsRegistry(address(this), 2, 7 days);
        for (uint256 i; i < MEMBERS; ++i) {
            members[i] = address(uint160(0x1000 + i));
            registry.admit(members[i], ICommonsRegistry.Kind.Person, "ipfs://m", bytes32(uint256(1)));
        }
        address[] memory none = new address[](0);
        SpinTimelock timelock = new SpinTimelock(1 days, none, none, address(this));
        governor = new SpinGovernor(IVotesExtended(address(registry)), timelock, 1 days, 7 days, 50, 1 days);
    }

    function testFuzz_eachMemberCountedAtMostOnce(uint256 seed) public {
        _delegateRandomly(seed);
        uint256 proposalId = _propose();
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        for (uint256 a; a < ACTIONS; ++a) {
            uint256 r = uint256(keccak256(abi.encode(seed, a)));
            uint256 who = r % MEMBERS;
            uint8 support = uint8((r >> 8) % 3);
            if ((r >> 16) % 2 == 0) _castVote(proposalId, who, support);
            else _castOverride(proposalId, who, support);
        }
        _assertTallyMatchesMirror(proposalId);
    }

    function _delegateRandomly(uint256 seed) internal {
        for (uint256 i; i < MEMBERS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "delegate", i)));
            uint256 to = r % 2 == 0 ? i : (r >> 8) % MEMBERS;
            delegateOf[i] = to;
            if (to != i) {
                vm.prank(members[i]);
                registry.delegate(members[to]);
            }
        }
        vm.warp(block.timestamp + 1);
    }

    function _propose() internal returns (uint256) {
        address[] memory targets = new address[](1);
        targets[0] = address(governor);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(governor.setVotingDelay, (2 days));
        vm.prank(members[0]);
        return governor.propose(targets, values, calldatas, "fuzz");
    }

    function _castVote(uint256 proposalId, uint256 who, uint8 support) internal {
        vm.prank(members[who]);
        try governor.castVote(proposalId, support) {
            assertTrue(!voted[who], "voted twice with delegated votes");
            voted[who] = true;
            voteSupport[who] = support;
        } catch {
            assertTrue(voted[who], "a first vote was refused");
        }
    }

    function _castOverride(uint256 proposalId, uint256 who, uint8 support) internal {
        vm.prank(members[who]);
        try governor.castOverrideVote(proposalId, support, "") {
            assertTrue(!overridden[who], "overrode twice");
            overridden[who] = true;
            overrideSupport[who] = support;
        } catch {
            assertTrue(overridden[who], "a first override was refused");
        }
    }

    function _assertTallyMatchesMirror(uint256 proposalId) internal view {
        uint256[3] memory expected;
        for (uint256 m; m < MEMBERS; ++m) {
            uint256 d = delegateOf[m];
            if (overridden[m]) expected[overrideSupport[m]] += 1;
            else if (voted[d]) expected[voteSupport[d]] += 1;
        }
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against, expected[0], "Against miscounted");
        assertEq(forVotes, expected[1], "For miscounted");
        assertEq(abstain, expected[2], "Abstain miscounted");
        assertTrue(against + forVotes + abstain <= MEMBERS, "more votes than members");
        for (uint256 m; m < MEMBERS; ++m) {
            assertTrue(governor.hasVoted(proposalId, members[m]) == voted[m], "hasVoted disagrees");
            assertTrue(governor.hasVotedOverride(proposalId, members[m]) == overridden[m], "override flag");
        }
    }
}
