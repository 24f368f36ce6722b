// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest, Vm} from "../utils/Vm.sol";
import {WorksSetup} from "../works/WorksSetup.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {Licensing} from "../../../contracts/licensing/Licensing.sol";
import {WorksRegistry} from "../../../contracts/works/WorksRegistry.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";
import {ILicensing} from "../../../contracts/interfaces/ILicensing.sol";

/// @notice Random purchases at random prices, commons uses, settlements, claims, flushes,
/// suspensions, expulsions and reinstatements of contributors, suspensions of works, marks,
/// sweeps, revocations and lifts, over a fixed lineage: a diamond (1 <- 2, 1 <- 3, 2 + 3 <- 4)
/// and a CopyFair fork of 4 (5). Every call is tolerated to fail (a refused call changes nothing).
contract LicensingHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    Licensing private immutable licensing;
    WorksRegistry private immutable works;
    CommonsRegistry private immutable commons;
    address private immutable firm;
    address[3] private persons;

    uint256 public purchases;
    uint256 public sweeps;
    uint256 public revocations;
    /// @notice How many drills ran, and whether one found coin it could not move out.
    uint256 public drills;
    bool public stuck;

    constructor(
        Licensing licensing_,
        WorksRegistry works_,
        CommonsRegistry commons_,
        address firm_,
        address[3] memory persons_
    ) {
        licensing = licensing_;
        works = works_;
        commons = commons_;
        firm = firm_;
        persons = persons_;
    }

    function _work(uint256 seed) private view returns (uint256) {
        return 1 + (seed % works.workCount());
    }

    function buy(uint256 workSeed, uint96 priceSeed) external {
        uint256 workId = _work(workSeed);
        uint256 price = 1 + (uint256(priceSeed) % 1e6 ether);
        vm.prank(persons[0]);
        try licensing.setWorkPrice(workId, uint96(price)) {} catch {}
        price = licensing.priceOf(workId);
        vm.prank(firm);
        try licensing.purchase(workId, price, 0, 0, bytes32(0), bytes32(0)) {
            purchases += 1;
        } catch {}
    }

    // A prank applies to the next external call: work ids are computed before it.

    function useFreely(uint256 workSeed, uint256 personSeed) external {
        uint256 workId = _work(workSeed);
        vm.prank(persons[personSeed % 3]);
        try licensing.recordCommonsUse(workId) {} catch {}
    }

    function settle(uint256 workSeed) external {
        uint256 workId = _work(workSeed);
        vm.prank(firm);
        try licensing.settleUpstream(workId) {} catch {}
    }

    function claim(uint256 workSeed, uint256 personSeed) external {
        uint256 workId = _work(workSeed);
        vm.prank(persons[personSeed % 3]);
        try licensing.claim(workId) {} catch {}
    }

    function flush() external {
        vm.prank(firm);
        try licensing.flushFund() {} catch {}
    }

    function passTime(uint32 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % 400 days));
    }

    /// @dev 0 reinstate, 1 suspend, 2 expel (for good) a contributor.
    function setStatus(uint256 personSeed, uint8 what) external {
        address person = persons[personSeed % 3];
        if (what % 3 == 0) try commons.reinstate(person, "back") {} catch {}
        else if (what % 3 == 1) try commons.suspend(person, "review") {} catch {}
        else try commons.expel(person, "gone") {} catch {}
    }

    function suspendWork(uint256 workSeed, bool suspend) external {
        uint256 workId = _work(workSeed);
        if (suspend) try works.suspend(workId, "plagiarism?") {} catch {}
        else try works.reinstate(workId, "cleared") {} catch {}
    }

    function mark(uint256 workSeed, uint256 personSeed) external {
        uint256 workId = _work(workSeed);
        vm.prank(firm);
        try licensing.markUnclaimable(workId, persons[personSeed % 3]) {} catch {}
    }

    function sweep(uint256 workSeed, uint256 personSeed) external {
        try licensing.sweepUnclaimed(_work(workSeed), persons[personSeed % 3], "unclaimable") {
            sweeps += 1;
        } catch {}
    }

    function revoke(uint64 recordSeed) external {
        uint64 count = _recordCount();
        if (count == 0) return;
        try licensing.revoke(1 + (recordSeed % count), "fraud") {
            revocations += 1;
        } catch {}
    }

    function lift(uint256 workSeed, uint256 accountSeed) external {
        address account = accountSeed % 4 == 3 ? firm : persons[accountSeed % 4];
        try licensing.liftRevocation(_work(workSeed), account, "settled") {} catch {}
    }

    /// @dev Now and then, moves every coin licensing holds out by the path the rules give it:
    /// settle every pot, claim what can be claimed, mark the rest and sweep it one period later
    /// (an expelled contributor's at once), flush. Anything left is stuck.
    function drill(uint8 seed) external {
        if (seed % 8 != 0) return;
        drills += 1;
        uint256 count = works.workCount();
        for (uint256 pass; pass < 4; ++pass) {
            for (uint256 id = count; id >= 1; --id) {
                (, uint128 upstream) = licensing.potOf(id);
                if (upstream == 0) continue;
                vm.prank(firm);
                licensing.settleUpstream(id);
            }
        }
        for (uint256 id = 1; id <= count; ++id) {
            for (uint256 i; i < 3; ++i) _claimOrMark(id, persons[i]);
        }
        vm.warp(block.timestamp + licensing.UNCLAIMED_PERIOD());
        for (uint256 id = 1; id <= count; ++id) {
            for (uint256 i; i < 3; ++i) {
                if (licensing.claimable(id, persons[i]) != 0)
                    licensing.sweepUnclaimed(id, persons[i], "drill");
            }
        }
        if (licensing.owed() != 0 || _anyPending()) {
            vm.prank(firm);
            licensing.flushFund();
        }
        if (licensing.owed() != 0 || licensing.coin().balanceOf(address(licensing)) != 0) stuck = true;
    }

    function _claimOrMark(uint256 workId, address person) private {
        if (licensing.claimable(workId, person) == 0) return;
        if (commons.isAllowed(person) && !works.workOf(workId).suspended) {
            vm.prank(person);
            licensing.claim(workId);
        } else if (commons.statusOf(person) != ICommonsRegistry.Status.Expelled) {
            (, uint64 sweepableAt) = licensing.unclaimableMark(workId, person);
            if (sweepableAt != 0) return;
            vm.prank(firm);
            licensing.markUnclaimable(workId, person);
        }
    }

    function _anyPending() private view returns (bool) {
        uint128[4] memory pending = licensing.fundPending();
        return pending[0] + pending[1] + pending[2] + pending[3] != 0;
    }

    function _recordCount() private view returns (uint64 count) {
        // Records are numbered from 1; probe upwards (purchases and uses are few per run).
        while (true) {
            try licensing.recordOf(count + 1) {
                count += 1;
            } catch {
                return count;
            }
        }
    }
}

/// @notice Licensing's coin balance always equals what it owes, what it owes always has a way
/// out, and the licence check reports a term only when a paid term decides it.
contract LicensingInvariantsTest is SpinTest, WorksSetup {
    LicensingHandler private handler;

    function setUp() public {
        deploySpin();
        address author = persons[0];
        uint256[] memory none = new uint256[](0);
        uint256 root = registerAs(author, registrationOf(keccak256("1"), PPL, 3_333, 3_333, none));
        uint256[] memory one = new uint256[](1);
        one[0] = root;
        uint256 left = registerAs(author, registrationOf(keccak256("2"), PPL, 1, 9_000, one));
        uint256 right = registerAs(author, registrationOf(keccak256("3"), COPYFAIR, 7_777, 1, one));
        uint256[] memory two = new uint256[](2);
        (two[0], two[1]) = (left, right);
        uint256 diamond = registerAs(author, registrationOf(keccak256("4"), PPL, 4_999, 4_999, two));
        one[0] = diamond;
        registerAs(author, registrationOf(keccak256("5"), COPYFAIR, 1, 1, one));
        handler = new LicensingHandler(licensing, works, commons, firm, persons);
        bytes32 admin = commons.DEFAULT_ADMIN_ROLE();
        commons.grantRole(admin, address(handler));
        works.grantRole(admin, address(handler));
        licensing.grantRole(admin, address(handler));
        targetContract(address(handler));
    }

    /// @notice The handler's actions really run (an invariant over reverted calls proves nothing).
    function test_handlerBuysSettlesClaimsSweepsAndRevokes() public {
        handler.buy(4, 123_456_789);
        handler.buy(3, 987_654_321_987);
        handler.settle(3);
        handler.settle(1);
        handler.claim(1, 0);
        handler.flush();
        assertEq(handler.purchases(), 2, "two purchases");
        assertEq(coin.balanceOf(address(licensing)), owed(), "balance == owed");
        assertTrue(coin.balanceOf(address(fund)) > 0, "the fund received its shares");
        assertTrue(coin.balanceOf(persons[0]) > 0, "a contributor was paid");
        handler.setStatus(1, 2); // persons[1] expelled
        handler.sweep(4, 1); // its balance from work 5 (the diamond's fork) swept at once
        assertEq(handler.sweeps(), 1, "the expelled contributor's balance was swept");
        handler.revoke(0); // record 1: the firm's licence for work 5
        assertEq(handler.revocations(), 1, "a licence revoked");
        handler.buy(4, 1);
        assertEq(handler.purchases(), 2, "no purchase on a revoked licence");
        handler.setStatus(2, 1); // persons[2] suspended
        handler.drill(0);
        assertEq(handler.drills(), 1, "the drill ran");
        assertTrue(!handler.stuck(), "nothing stuck");
        assertEq(coin.balanceOf(address(licensing)), 0, "licensing emptied");
    }

    function invariant_balanceEqualsWhatIsOwed() public view {
        assertEq(coin.balanceOf(address(licensing)), owed(), "licensing holds exactly what it owes");
        assertEq(licensing.owed(), owed(), "its own total agrees");
    }

    /// @notice Coin only moves between accounts: nothing is created or lost on the way.
    function invariant_noCoinCreatedOrLost() public view {
        uint256 total =
            coin.balanceOf(firm) + coin.balanceOf(address(licensing)) + coin.balanceOf(address(fund));
        for (uint256 i; i < 3; ++i) total += coin.balanceOf(persons[i]);
        assertEq(total, 1e11 ether, "supply is conserved");
    }

    /// @notice Nothing stuck: every drill moved all of licensing's coin out.
    function invariant_nothingStuck() public view {
        assertTrue(!handler.stuck(), "licensing kept coin nobody could move");
    }

    /// @notice `validUntil` is non-zero exactly when a paid term decides the answer, and a
    /// revoked latest record always answers Revoked for a member on a usable work.
    function invariant_licenceStatusIsConsistent() public view {
        uint256 count = works.workCount();
        address[4] memory accounts = [firm, persons[0], persons[1], persons[2]];
        for (uint256 id = 1; id <= count; ++id) {
            for (uint256 i; i < 4; ++i) {
                ILicensing.Status memory s = licensing.licenceStatus(id, accounts[i]);
                bool paid =
                    s.reason == ILicensing.Reason.PaidLicence || s.reason == ILicensing.Reason.Expired;
                assertTrue(paid == (s.validUntil != 0), "validUntil only for paid terms");
                if (s.reason == ILicensing.Reason.PaidLicence) {
                    assertTrue(s.allowed && s.validUntil > block.timestamp, "a paid licence runs");
                }
                if (s.recordId != 0 && licensing.recordOf(s.recordId).revoked) {
                    assertTrue(!s.allowed, "a revoked licence allows nothing");
                }
            }
        }
    }
}
