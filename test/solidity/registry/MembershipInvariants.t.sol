// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest, Vm} from "../utils/Vm.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";

/// @notice Drives the registry through random admissions, vouches, suspensions, reinstatements,
/// expulsions and delegations among a fixed set of actors, and records what votes must be.
contract RegistryHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant ACTORS = 8;
    bytes32 private constant HASH = keccak256("profile");

    CommonsRegistry public immutable registry;
    address[] public actors;

    /// @dev Timepoints at which an action happened, and the expected total of votes then.
    uint48[] public timepoints;
    mapping(uint48 timepoint => uint256) public expectedTotal;
    mapping(uint48 timepoint => mapping(address actor => uint256)) public expectedUnits;

    /// @dev Distinct vouchers seen by the handler for each candidate's current application.
    mapping(address candidate => mapping(uint48 windowEnd => uint256)) public distinctVouches;
    bool public admittedWithTooFewVouches;

    constructor(CommonsRegistry registry_) {
        registry = registry_;
        for (uint256 i = 0; i < ACTORS; ++i) actors.push(vm.addr(i + 1));
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function timepointCount() external view returns (uint256) {
        return timepoints.length;
    }

    function admit(uint256 seed) external {
        address account = _actor(seed);
        ICommonsRegistry.Status status = registry.statusOf(account);
        if (status != ICommonsRegistry.Status.None && status != ICommonsRegistry.Status.Applicant) return;
        registry.admit(account, ICommonsRegistry.Kind.Person, "ipfs://p", HASH);
        _record();
    }

    function applyAsPerson(uint256 seed) external {
        address account = _actor(seed);
        if (registry.statusOf(account) != ICommonsRegistry.Status.None) return;
        vm.prank(account);
        registry.applyForAdmission(ICommonsRegistry.Kind.Person, "ipfs://p", HASH);
        _record();
    }

    function vouch(uint256 voucherSeed, uint256 candidateSeed) external {
        address voucher = _actor(voucherSeed);
        address candidate = _actor(candidateSeed);
        if (voucher == candidate || registry.statusOf(candidate) != ICommonsRegistry.Status.Applicant) return;
        if (!_isVoter(voucher) || registry.hasVouched(candidate, voucher)) return;
        (, uint48 windowEnd) = registry.applicationOf(candidate);
        if (block.timestamp > windowEnd) return;
        uint256 threshold = registry.vouchThreshold();
        vm.prank(voucher);
        registry.vouch(candidate);
        uint256 distinct = ++distinctVouches[candidate][windowEnd];
        if (registry.statusOf(candidate) == ICommonsRegistry.Status.Admitted && distinct < threshold) {
            admittedWithTooFewVouches = true;
        }
        _record();
    }

    function suspend(uint256 seed) external {
        address account = _actor(seed);
        if (registry.statusOf(account) != ICommonsRegistry.Status.Admitted) return;
        registry.suspend(account, "");
        _record();
    }

    function reinstate(uint256 seed) external {
        address account = _actor(seed);
        if (registry.statusOf(account) != ICommonsRegistry.Status.Suspended) return;
        registry.reinstate(account, "");
        _record();
    }

    function expel(uint256 seed) external {
        address account = _actor(seed);
        ICommonsRegistry.Status status = registry.statusOf(account);
        if (status == ICommonsRegistry.Status.None || status == ICommonsRegistry.Status.Expelled) return;
        registry.expel(account, "");
        _record();
    }

    function delegate(uint256 fromSeed, uint256 toSeed) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        if (!_isVoter(from) || !_isVoter(to)) return;
        vm.prank(from);
        registry.delegate(to);
        _record();
    }

    /// @dev Several actions may share a timestamp; sometimes time moves on.
    function passTime(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    function _isVoter(address account) private view returns (bool) {
        return
            registry.kindOf(account) == ICommonsRegistry.Kind.Person &&
            registry.statusOf(account) == ICommonsRegistry.Status.Admitted;
    }

    /// @dev What every actor's units and the total must be from now on.
    function _record() private {
        uint48 now_ = uint48(block.timestamp);
        if (timepoints.length == 0 || timepoints[timepoints.length - 1] != now_) timepoints.push(now_);
        uint256 total = 0;
        for (uint256 i = 0; i < actors.length; ++i) {
            uint256 units = _isVoter(actors[i]) ? 1 : 0;
            expectedUnits[now_][actors[i]] = units;
            total += units;
        }
        expectedTotal[now_] = total;
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    function bound(uint256 x, uint256 min, uint256 max) private pure returns (uint256) {
        return min + (x % (max - min + 1));
    }
}

/// @notice One member, one vote, at every timepoint.
contract MembershipInvariantsTest is SpinTest {
    CommonsRegistry private registry;
    RegistryHandler private handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new CommonsRegistry(address(this), 2, 7 days);
        handler = new RegistryHandler(registry);
        registry.grantRole(registry.DEFAULT_ADMIN_ROLE(), address(handler));
        handler.admit(0);
        handler.admit(1);
        handler.admit(2);
        targetContract(address(handler));
    }

    /// @dev Total votes now equal the admitted, unsuspended Persons, and the sum of everyone's votes.
    function invariant_totalVotesCountAdmittedUnsuspendedPersons() public view {
        uint256 persons = 0;
        uint256 sumOfVotes = 0;
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            address actor = handler.actors(i);
            if (
                registry.kindOf(actor) == ICommonsRegistry.Kind.Person &&
                registry.statusOf(actor) == ICommonsRegistry.Status.Admitted
            ) ++persons;
            sumOfVotes += registry.getVotes(actor);
        }
        assertEq(registry.totalVotes(), persons, "total votes != admitted unsuspended Persons");
        assertEq(sumOfVotes, persons, "sum of votes != admitted unsuspended Persons");
    }

    /// @dev At every past timepoint each Person had exactly its one unit (0 once suspended or
    /// expelled), and the total was the number of admitted, unsuspended Persons.
    function invariant_historyHoldsOneVotePerPersonAtEveryTimepoint() public {
        vm.warp(block.timestamp + 1);
        for (uint256 t = 0; t < handler.timepointCount(); ++t) {
            uint48 timepoint = handler.timepoints(t);
            assertEq(registry.getPastTotalSupply(timepoint), handler.expectedTotal(timepoint), "past total");
            for (uint256 i = 0; i < handler.actorCount(); ++i) {
                address actor = handler.actors(i);
                assertEq(
                    registry.getPastBalanceOf(actor, timepoint),
                    handler.expectedUnits(timepoint, actor),
                    "past units"
                );
            }
        }
    }

    /// @dev Fewer than k distinct vouches never admit.
    function invariant_fewerThanThresholdVouchesNeverAdmit() public view {
        assertTrue(!handler.admittedWithTooFewVouches(), "admitted with fewer than k vouches");
    }
}
