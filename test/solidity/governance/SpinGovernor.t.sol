// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest} from "../utils/Vm.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";
import {SpinGovernor} from "../../../contracts/governance/SpinGovernor.sol";
import {SpinTimelock} from "../../../contracts/governance/SpinTimelock.sol";
import {IMemberVotes} from "../../../contracts/interfaces/IMemberVotes.sol";

/// @dev Random delegations among members, a proposal, random suspensions and expulsions after its
/// snapshot, then random direct and override votes in random order: every member's vote must be
/// counted exactly once (by its own override, else by its delegate's vote) or not at all, nobody
/// may vote twice the same way, and nobody out of good standing votes at all.
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
    bool[MEMBERS] internal outOfStanding;

    function setUp() public {
        registry = new CommonsRegistry(address(this), 2, 7 days);
        for (uint256 i; i < MEMBERS; ++i) {
            members[i] = address(uint160(0x1000 + i));
            registry.admit(members[i], ICommonsRegistry.Kind.Person, "ipfs://m", bytes32(uint256(1)));
        }
        address[] memory none = new address[](0);
        SpinTimelock timelock = new SpinTimelock(1 days, none, none, address(this));
        governor = new SpinGovernor(IMemberVotes(address(registry)), timelock, 1 days, 7 days, 50, 1 days);
    }

    function testFuzz_eachMemberCountedAtMostOnce(uint256 seed) public {
        _delegateRandomly(seed);
        uint256 proposalId = _propose();
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _changeStandingRandomly(seed);
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

    /// @dev Suspends or expels about a quarter of the members, after the snapshot.
    function _changeStandingRandomly(uint256 seed) internal {
        for (uint256 i; i < MEMBERS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "standing", i))) % 8;
            if (r == 0) registry.suspend(members[i], "fuzz");
            else if (r == 1) registry.expel(members[i], "fuzz");
            else continue;
            outOfStanding[i] = true;
        }
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
            assertTrue(!outOfStanding[who], "a member out of good standing voted");
            assertTrue(!voted[who], "voted twice with delegated votes");
            voted[who] = true;
            voteSupport[who] = support;
        } catch {
            assertTrue(voted[who] || outOfStanding[who], "a first vote was refused");
        }
    }

    function _castOverride(uint256 proposalId, uint256 who, uint8 support) internal {
        vm.prank(members[who]);
        try governor.castOverrideVote(proposalId, support, "") {
            assertTrue(!outOfStanding[who], "a member out of good standing overrode");
            assertTrue(!overridden[who], "overrode twice");
            overridden[who] = true;
            overrideSupport[who] = support;
        } catch {
            assertTrue(overridden[who] || outOfStanding[who], "a first override was refused");
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

/// @dev A membership whose answers the test sets, to reach what the real registry never returns:
/// another clock, votes too large for 48-bit totals, inconsistent delegation history.
contract ScriptedVotes {
    string public CLOCK_MODE = "mode=timestamp";
    uint256 public totalSupply = 10;
    mapping(address account => uint256) public votes;
    mapping(address account => uint256) public balance;
    mapping(address account => address) public delegateOf;

    function setClockMode(string calldata mode) external {
        CLOCK_MODE = mode;
    }

    function set(address account, uint256 votes_, uint256 balance_, address delegate_) external {
        votes[account] = votes_;
        balance[account] = balance_;
        delegateOf[account] = delegate_;
    }

    function setTotalSupply(uint256 supply) external {
        totalSupply = supply;
    }

    function clock() external view returns (uint48) {
        return uint48(block.timestamp);
    }

    function getPastVotes(address account, uint256) external view returns (uint256) {
        return votes[account];
    }

    function getPastTotalSupply(uint256) external view returns (uint256) {
        return totalSupply;
    }

    function getPastDelegate(address account, uint256) external view returns (address) {
        return delegateOf[account];
    }

    function getPastBalanceOf(address account, uint256) external view returns (uint256) {
        return balance[account];
    }

    function votingPowerOf(address account, uint256) external view returns (uint256, bool) {
        return (votes[account], true);
    }

    function ownVoteOf(address account, uint256) external view returns (uint256, address, bool) {
        return (balance[account], delegateOf[account], true);
    }
}

/// @dev The governor's guards against a membership that breaks its promises.
contract SpinGovernorGuardTest is SpinTest {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    ScriptedVotes internal votes;
    SpinTimelock internal timelock;
    SpinGovernor internal governor;

    function setUp() public {
        votes = new ScriptedVotes();
        address[] memory none = new address[](0);
        timelock = new SpinTimelock(1 days, none, none, address(this));
        governor = new SpinGovernor(IMemberVotes(address(votes)), timelock, 1 days, 7 days, 50, 1 days);
        vm.warp(block.timestamp + 10);
    }

    function _proposeAndOpen() internal returns (uint256 proposalId) {
        address[] memory targets = new address[](1);
        targets[0] = address(governor);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(governor.setVotingDelay, (2 days));
        votes.set(ALICE, 1, 1, ALICE);
        vm.prank(ALICE);
        proposalId = governor.propose(targets, values, calldatas, "guard");
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
    }

    function test_refusesAMembershipWithABlockNumberClock() public {
        votes.setClockMode("mode=blocknumber&from=default");
        vm.expectRevert(
            abi.encodeWithSignature("SpinGovernorClockNotTimestamp(string)", "mode=blocknumber&from=default")
        );
        new SpinGovernor(IMemberVotes(address(votes)), timelock, 1 days, 7 days, 50, 1 days);
    }

    function test_refusesAVoteTooLargeForTheTally() public {
        uint256 proposalId = _proposeAndOpen();
        votes.set(BOB, 2 ** 48, 0, BOB);
        vm.expectRevert(
            abi.encodeWithSignature("SafeCastOverflowedUintDowncast(uint8,uint256)", 48, 2 ** 48)
        );
        vm.prank(BOB);
        governor.castVote(proposalId, 1);
    }

    function test_refusesATallyThatWouldOverflowItsField() public {
        uint256 proposalId = _proposeAndOpen();
        votes.set(BOB, 2 ** 47, 0, BOB);
        vm.prank(BOB);
        governor.castVote(proposalId, 1);
        votes.set(ALICE, 2 ** 47, 0, ALICE);
        vm.expectRevert(
            abi.encodeWithSignature("SafeCastOverflowedUintDowncast(uint8,uint256)", 48, 2 ** 47)
        );
        vm.prank(ALICE);
        governor.castVote(proposalId, 1);
    }

    function test_countsAQuorumTooLargeToCacheOnEveryVote() public {
        votes.setTotalSupply(2 ** 60);
        uint256 proposalId = _proposeAndOpen();
        votes.set(BOB, 5, 5, BOB);
        vm.prank(BOB);
        governor.castVote(proposalId, 1);
        vm.prank(ALICE);
        governor.castVote(proposalId, 1);
        (, uint256 forVotes, ) = governor.proposalVotes(proposalId);
        assertEq(forVotes, 6, "votes not counted");
        assertEq(
            governor.proposalDeadline(proposalId),
            governor.proposalSnapshot(proposalId) + 7 days,
            "extended"
        );
    }

    function test_refusesAnOverrideLargerThanTheDelegatesVote() public {
        uint256 proposalId = _proposeAndOpen();
        votes.set(BOB, 1, 1, BOB);
        vm.prank(BOB);
        governor.castVote(proposalId, 1);
        votes.set(ALICE, 0, 5, BOB);
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        vm.prank(ALICE);
        governor.castOverrideVote(proposalId, 0, "");
    }
}

/// @dev The quorum is the fraction of the votes at the snapshot rounded up, at least the floor,
/// at most the votes that exist: never 0 while anyone holds a vote.
contract SpinGovernorQuorumFuzzTest is SpinTest {
    ScriptedVotes internal votes;
    SpinGovernor internal governor;

    function setUp() public {
        votes = new ScriptedVotes();
        address[] memory none = new address[](0);
        SpinTimelock timelock = new SpinTimelock(1 days, none, none, address(this));
        governor = new SpinGovernor(IMemberVotes(address(votes)), timelock, 1 days, 7 days, 20, 1 days);
        vm.warp(block.timestamp + 10);
    }

    function testFuzz_quorumRoundsUpAndNeverBelowTheFloor(uint256 supply) public {
        supply = bound(supply, 0, 1_000_000);
        votes.setTotalSupply(supply);
        uint256 q = governor.quorum(block.timestamp - 1);
        uint256 fifth = (supply * 20 + 99) / 100;
        uint256 expected = fifth > 2 ? fifth : 2;
        if (expected > supply) expected = supply;
        assertEq(q, expected, "quorum");
        assertTrue(supply == 0 || q > 0, "a quorum of zero votes");
        assertTrue(q * 100 >= supply * 20, "quorum under its fraction");
    }
}
