// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest, Vm} from "../utils/Vm.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {Admissions} from "../../../contracts/registry/Admissions.sol";
import {IAdmission} from "../../../contracts/interfaces/IAdmission.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";

/// @notice Drives the registry and its Admissions through random governance admissions,
/// applications, vouches, rejections, completed admissions, ripenings, suspensions,
/// reinstatements, expulsions and delegations among a fixed set of actors, records what votes
/// must be, and flags any admission or vote that came sooner than the rule allows.
contract RegistryHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant ACTORS = 8;
    bytes32 private constant HASH = keccak256("profile");
    string private constant URI = "ipfs://p";

    CommonsRegistry public immutable registry;
    Admissions public immutable admissions;
    address[] public actors;

    /// @dev Timepoints at which an action happened, and the expected total of votes then.
    uint48[] public timepoints;
    mapping(uint48 timepoint => uint256) public expectedTotal;
    mapping(uint48 timepoint => mapping(address actor => uint256)) public expectedUnits;

    /// @dev Distinct vouchers seen for each application round, and vouches per voucher and period.
    mapping(address candidate => mapping(uint32 round => uint256)) public distinctVouches;
    mapping(address voucher => mapping(uint256 period => uint256)) public vouchesInPeriod;
    mapping(address candidate => uint256) public scheduledAt;
    mapping(address account => uint256) public admittedByVouchesAt;

    bool public scheduledWithTooFewVouches;
    bool public budgetExceeded;
    bool public admittedBeforeDelay;
    bool public ripenedEarly;
    bool public voteBeforeRipening;

    /// @dev How far random runs got, so a test can tell the campaign reaches every step.
    uint256 public vouches;
    uint256 public completions;
    uint256 public ripenings;

    constructor(CommonsRegistry registry_) {
        registry = registry_;
        admissions = Admissions(registry_.admissions());
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
        if (registry.statusOf(account) != ICommonsRegistry.Status.None) return;
        if (admissions.hasApplication(account)) return;
        registry.admit(account, ICommonsRegistry.Kind.Person, URI, HASH);
        _record();
    }

    function applyAsPerson(uint256 seed) external {
        address account = _actor(seed);
        if (registry.statusOf(account) != ICommonsRegistry.Status.None) return;
        IAdmission.Application memory a = admissions.applicationOf(account);
        if (a.state != IAdmission.ApplicationState.None && a.state != IAdmission.ApplicationState.Closed)
            return;
        if (block.timestamp < a.mayApplyFrom) return;
        vm.prank(account);
        admissions.applyForAdmission(ICommonsRegistry.Kind.Person, URI, HASH);
        _record();
    }

    /// @dev Scans from the seeds for a voucher and an open application it may vouch for, so that
    /// random runs reach scheduled admissions often.
    function vouch(uint256 voucherSeed, uint256 candidateSeed) external {
        for (uint256 i = 0; i < ACTORS; ++i) {
            address candidate = _actor(candidateSeed + i);
            IAdmission.Application memory a = admissions.applicationOf(candidate);
            if (a.state != IAdmission.ApplicationState.Open) continue;
            for (uint256 j = 0; j < ACTORS; ++j) {
                address voucher = _actor(voucherSeed + j);
                if (_mayVouch(voucher, candidate)) return _vouch(voucher, candidate, a);
            }
        }
    }

    function complete(uint256 seed) external {
        for (uint256 i = 0; i < ACTORS; ++i) {
            address candidate = _actor(seed + i);
            IAdmission.Application memory a = admissions.applicationOf(candidate);
            if (a.state != IAdmission.ApplicationState.Admissible) continue;
            admissions.completeAdmission(candidate, URI);
            if (block.timestamp < scheduledAt[candidate] + a.admissionDelay) admittedBeforeDelay = true;
            admittedByVouchesAt[candidate] = block.timestamp;
            if (a.ripeningPeriod > 0 && registry.getVotes(candidate) > 0) voteBeforeRipening = true;
            ++completions;
            _record();
            return;
        }
    }

    function reject(uint256 seed) external {
        address candidate = _actor(seed);
        if (!admissions.hasApplication(candidate)) return;
        admissions.rejectApplication(candidate, "");
        _record();
    }

    function ripen(uint256 seed) external {
        for (uint256 i = 0; i < ACTORS; ++i) {
            address account = _actor(seed + i);
            ICommonsRegistry.Standing memory s = registry.standingOf(account);
            if (s.voteRipensAt == 0 || block.timestamp < s.voteRipensAt) continue;
            if (s.status != ICommonsRegistry.Status.Admitted && s.status != ICommonsRegistry.Status.Suspended)
                continue;
            registry.ripen(account);
            uint256 ripening = admissions.admissionRule().ripeningPeriod;
            if (block.timestamp < admittedByVouchesAt[account] + ripening) ripenedEarly = true;
            ++ripenings;
            _record();
            return;
        }
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
        if (status != ICommonsRegistry.Status.Admitted && status != ICommonsRegistry.Status.Suspended) return;
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

    /// @dev Several actions may share a timestamp; sometimes time moves on, and then, as often
    /// as not, someone completes a due admission or ripens a vote.
    function passTime(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
        if (seconds_ & (1 << 128) != 0) this.complete(seconds_ >> 129);
        if (seconds_ & (1 << 127) != 0) this.ripen(seconds_ >> 129);
    }

    function _mayVouch(address voucher, address candidate) private view returns (bool) {
        if (voucher == candidate || !_isVoter(voucher) || admissions.hasVouched(candidate, voucher))
            return false;
        IAdmission.AdmissionRule memory rule = admissions.admissionRule();
        if (block.timestamp < registry.standingOf(voucher).memberSince + rule.voucherSeniority) return false;
        (uint16 remaining, ) = admissions.vouchBudgetOf(voucher);
        return remaining > 0;
    }

    function _vouch(address voucher, address candidate, IAdmission.Application memory a) private {
        IAdmission.AdmissionRule memory rule = admissions.admissionRule();
        vm.prank(voucher);
        admissions.vouch(candidate, HASH);
        uint256 period = block.timestamp / rule.budgetPeriod;
        if (++vouchesInPeriod[voucher][period] > rule.vouchBudget) budgetExceeded = true;
        uint256 distinct = ++distinctVouches[candidate][a.round];
        if (admissions.applicationOf(candidate).state == IAdmission.ApplicationState.Scheduled) {
            if (distinct < a.threshold) scheduledWithTooFewVouches = true;
            scheduledAt[candidate] = block.timestamp;
        }
        ++vouches;
        _record();
    }

    function _isVoter(address account) private view returns (bool) {
        return
            registry.kindOf(account) == ICommonsRegistry.Kind.Person &&
            registry.statusOf(account) == ICommonsRegistry.Status.Admitted;
    }

    /// @dev What every actor's units and the total must be from now on: one for each admitted,
    /// unsuspended Person whose vote has ripened.
    function _record() private {
        uint48 now_ = uint48(block.timestamp);
        if (timepoints.length == 0 || timepoints[timepoints.length - 1] != now_) timepoints.push(now_);
        uint256 total = 0;
        for (uint256 i = 0; i < actors.length; ++i) {
            ICommonsRegistry.Standing memory s = registry.standingOf(actors[i]);
            bool counts =
                s.kind == ICommonsRegistry.Kind.Person &&
                    s.status == ICommonsRegistry.Status.Admitted &&
                    s.voteRipensAt == 0;
            uint256 units = counts ? 1 : 0;
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

/// @notice One member in good standing, one ripe vote, at every timepoint; admissions no faster
/// than the rule.
contract MembershipInvariantsTest is SpinTest {
    CommonsRegistry private registry;
    RegistryHandler private handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new CommonsRegistry(address(this), 2, 7 days);
        Admissions(registry.admissions()).setAdmissionRule(
            IAdmission.AdmissionRule({
                vouchThreshold: 2,
                vouchWindow: 7 days,
                admissionDelay: 1 days,
                ripeningPeriod: 2 days,
                voucherSeniority: 3 days,
                vouchBudget: 2,
                budgetPeriod: 5 days,
                reapplyCooldown: 1 days
            })
        );
        handler = new RegistryHandler(registry);
        registry.grantRole(registry.DEFAULT_ADMIN_ROLE(), address(handler));
        handler.admit(0);
        handler.admit(1);
        handler.admit(2);
        targetContract(address(handler));
    }

    /// @dev Total votes now equal the admitted, unsuspended Persons with ripe votes, and the sum
    /// of everyone's votes.
    /// forge-config: default.invariant.depth = 100
    function invariant_totalVotesCountMembersInGoodStandingWithRipeVotes() public view {
        uint256 persons = 0;
        uint256 sumOfVotes = 0;
        for (uint256 i = 0; i < handler.actorCount(); ++i) {
            address actor = handler.actors(i);
            ICommonsRegistry.Standing memory s = registry.standingOf(actor);
            if (
                s.kind == ICommonsRegistry.Kind.Person &&
                s.status == ICommonsRegistry.Status.Admitted &&
                s.voteRipensAt == 0
            ) ++persons;
            sumOfVotes += registry.getVotes(actor);
        }
        assertEq(registry.totalVotes(), persons, "total votes != members in good standing with ripe votes");
        assertEq(sumOfVotes, persons, "sum of votes != members in good standing with ripe votes");
    }

    /// @dev At every past timepoint each Person had exactly its one unit (0 before it ripened or
    /// while suspended, 0 once expelled), and the total was the number of such units. Checked
    /// after every call on the newest settled timepoint and on an older one picked at random, so
    /// over a run every timepoint is checked, and checked again later (history never changes).
    /// forge-config: default.invariant.depth = 100
    function invariant_historyHoldsOneRipeVotePerMemberAtEveryTimepoint() public view {
        uint256 count = handler.timepointCount();
        if (count == 0) return;
        uint256 newest = count - 1;
        if (handler.timepoints(newest) >= block.timestamp) {
            if (newest == 0) return;
            --newest;
        }
        _checkTimepoint(handler.timepoints(newest));
        uint256 older = uint256(keccak256(abi.encode(block.timestamp, count))) % (newest + 1);
        _checkTimepoint(handler.timepoints(older));
    }

    /// @dev Fewer than k distinct vouches never schedule; no voucher exceeds its budget in a
    /// period; no admission comes before its delay; no vote counts before it ripens.
    /// forge-config: default.invariant.depth = 100
    function invariant_admissionsNeverOutrunTheRule() public view {
        assertTrue(!handler.scheduledWithTooFewVouches(), "scheduled with fewer than k vouches");
        assertTrue(!handler.budgetExceeded(), "a voucher exceeded its budget in a period");
        assertTrue(!handler.admittedBeforeDelay(), "admitted before the admission delay");
        assertTrue(!handler.ripenedEarly(), "a vote ripened before its ripening period");
        assertTrue(!handler.voteBeforeRipening(), "a vote counted at admission");
    }

    function _checkTimepoint(uint48 timepoint) private view {
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
