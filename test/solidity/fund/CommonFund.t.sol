// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SpinTest, Vm} from "../utils/Vm.sol";
import {CommonFund} from "../../../contracts/fund/CommonFund.sol";
import {ICommonFund} from "../../../contracts/interfaces/ICommonFund.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";

/// @dev A coin anyone may mint, standing in for SpinCoin (the registry check is the fund's own).
contract FundTestCoin is ERC20 {
    constructor() ERC20("Test Coin", "TC") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @dev The two registry questions the fund asks: may an account act, and where it stands.
contract FundTestRegistry {
    mapping(address account => bool) public isAllowed;
    mapping(address account => ICommonsRegistry.Status) public statusOf;

    function allow(address account, bool allowed) external {
        isAllowed[account] = allowed;
        statusOf[account] = allowed ? ICommonsRegistry.Status.Admitted : ICommonsRegistry.Status.None;
    }

    /// @dev Only admitted accounts are allowed, as in the real registry.
    function setStatus(address account, ICommonsRegistry.Status status) external {
        statusOf[account] = status;
        isAllowed[account] = status == ICommonsRegistry.Status.Admitted;
    }
}

/// @dev Random deposits, stray transfers, credits, grants (alone and several in one transaction,
/// after raising the cap or not), streams, claims, cancellations, suspensions, expulsions,
/// reinstatements, marks, sweeps and the passing of time, all tolerated to fail (a refused call
/// changes nothing), with ghost totals.
contract FundHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    CommonFund public immutable fund;
    FundTestCoin public immutable coin;
    FundTestRegistry public immutable registry;
    address[3] internal members;

    /// @notice Coin sent to the fund by plain transfer and not credited yet.
    uint256 public ghostSurplus;
    /// @notice Set when a locked sub-fund's balance went down before its lock date.
    bool public lockedDecreased;
    /// @notice Set when one transaction paid more out of a sub-fund than the cap in force when it
    /// started allows.
    bool public overCap;
    /// @notice Set when a drill found a stream whose unclaimed coin could not be moved out.
    bool public stuck;
    /// @notice How many drills ran, and how much coin they swept back.
    uint256 public drills;
    uint256 public sweptBack;
    uint256[4] internal lastBalance;

    constructor(FundTestRegistry registry_) {
        registry = registry_;
        coin = new FundTestCoin();
        uint64 start = uint64(block.timestamp);
        fund = new CommonFund(
            address(this),
            IERC20(address(coin)),
            ICommonsRegistry(address(registry)),
            [start + 10 days, start + 20 days, start + 400 days],
            [uint16(5_000), 2_500, 10_000, 1_000]
        );
        for (uint256 i; i < 3; ++i) {
            members[i] = address(uint160(0xA11CE + i));
            registry.allow(members[i], true);
            coin.mint(members[i], 1e30);
            vm.prank(members[i]);
            coin.approve(address(fund), type(uint256).max);
        }
        registry.allow(address(this), true);
    }

    function deposit(uint256 who, uint256 subFund, uint256 amount) external {
        amount = amount % 1e24;
        vm.prank(members[who % 3]);
        try fund.deposit(subFund % 5, amount) {} catch {}
        _checkLocks();
    }

    function strayTransfer(uint256 amount) external {
        amount = amount % 1e24;
        coin.mint(address(fund), amount);
        ghostSurplus += amount;
        _checkLocks();
    }

    function credit(uint256 subFund, uint256 amount) external {
        amount = amount % (ghostSurplus + 1);
        try fund.credit(subFund % 4, amount, "stray") {
            ghostSurplus -= amount;
        } catch {}
        _checkLocks();
    }

    function grant(uint256 subFund, uint256 who, uint256 amount) external {
        try fund.grant(subFund % 4, members[who % 3], amount % 1e24, "grant") {} catch {}
        _checkLocks();
    }

    /// @dev One transaction, several grants out of one sub-fund, as one proposal's execution
    /// would make: together they never exceed the cap of the balance it started with.
    function grantMany(uint256 subFund, uint8 count, uint256 amount, bool raiseFirst) external {
        subFund %= 4;
        ICommonFund.SubFund memory before = fund.subFund(subFund);
        if (raiseFirst) fund.setCap(subFund, 10_000);
        uint256 paid;
        for (uint256 i; i < count % 8; ++i) {
            uint256 part = 1 + (amount % (uint256(before.balance) / 2 + 1));
            try fund.grant(subFund, members[i % 3], part, "one of many") {
                paid += part;
            } catch {}
        }
        if (paid > (uint256(before.balance) * before.capBps) / 10_000) overCap = true;
        _checkLocks();
    }

    function setCap(uint256 subFund, uint16 capBps) external {
        try fund.setCap(subFund % 4, uint16(capBps % 10_001)) {} catch {}
    }

    /// @dev 0: reinstate (admitted), 1: suspend, 2: expel for good.
    function setStatus(uint256 who, uint8 what) external {
        address member = members[who % 3];
        if (registry.statusOf(member) == ICommonsRegistry.Status.Expelled) return;
        ICommonsRegistry.Status[3] memory statuses = [
            ICommonsRegistry.Status.Admitted,
            ICommonsRegistry.Status.Suspended,
            ICommonsRegistry.Status.Expelled
        ];
        registry.setStatus(member, statuses[what % 3]);
    }

    function mark(uint256 streamId) external {
        uint256 count = fund.streamCount();
        if (count == 0) return;
        try fund.markStreamUnclaimable(streamId % count) {} catch {}
    }

    function sweep(uint256 streamId) external {
        uint256 count = fund.streamCount();
        if (count == 0) return;
        try fund.sweepStream(streamId % count, "sweep") {} catch {}
        _checkLocks();
    }

    /// @dev Now and then, takes every stream out by the path its recipient allows: a claim after
    /// the end, a sweep of an expelled recipient's at once, a mark and a sweep one period later
    /// for a suspended one. Anything left in a stream afterwards is stuck.
    function drill(uint8 seed) external {
        if (seed % 8 != 0) return;
        drills += 1;
        uint256 count = fund.streamCount();
        vm.warp(block.timestamp + 400 days);
        for (uint256 id; id < count; ++id) {
            ICommonFund.Stream memory s = fund.stream(id);
            if (s.amount == s.claimed) continue;
            if (registry.isAllowed(s.recipient)) {
                vm.prank(s.recipient);
                fund.claim(id);
            } else if (registry.statusOf(s.recipient) != ICommonsRegistry.Status.Expelled) {
                (, uint64 sweepableAt) = fund.unclaimableMark(id);
                if (sweepableAt == 0) fund.markStreamUnclaimable(id);
            }
        }
        vm.warp(block.timestamp + fund.UNCLAIMED_PERIOD());
        for (uint256 id; id < count; ++id) {
            ICommonFund.Stream memory s = fund.stream(id);
            if (s.amount == s.claimed) continue;
            sweptBack += s.amount - s.claimed;
            fund.sweepStream(id, "drill");
            s = fund.stream(id);
            if (s.amount != s.claimed || fund.claimable(id) != 0) stuck = true;
        }
        _checkLocks();
    }

    function createStream(
        uint256 subFund,
        uint256 who,
        uint256 amount,
        uint32 delay,
        uint32 length
    ) external {
        uint48 start = uint48(block.timestamp + (delay % 30 days));
        uint48 end = start + uint48(length % 60 days);
        try fund.createStream(subFund % 4, members[who % 3], amount % 1e24, start, end, "stream") {} catch {}
        _checkLocks();
    }

    function claim(uint256 streamId) external {
        uint256 count = fund.streamCount();
        if (count == 0) return;
        ICommonFund.Stream memory s = fund.stream(streamId % count);
        vm.prank(s.recipient);
        try fund.claim(streamId % count) {} catch {}
        _checkLocks();
    }

    function cancel(uint256 streamId) external {
        uint256 count = fund.streamCount();
        if (count == 0) return;
        try fund.cancelStream(streamId % count) {} catch {}
        _checkLocks();
    }

    function passTime(uint32 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % 15 days));
        _checkLocks();
    }

    /// @dev Sub-fund balances plus what streams still owe their recipients.
    function sumAccounts() external view returns (uint256 total) {
        uint256 subFunds = fund.subFundCount();
        for (uint256 i; i < subFunds; ++i) total += fund.subFund(i).balance;
        uint256 streams = fund.streamCount();
        for (uint256 i; i < streams; ++i) {
            ICommonFund.Stream memory s = fund.stream(i);
            total += s.amount - s.claimed;
        }
    }

    function _checkLocks() internal {
        for (uint256 i = 1; i < 4; ++i) {
            ICommonFund.SubFund memory f = fund.subFund(i);
            if (block.timestamp < f.lockedUntil && f.balance < lastBalance[i]) lockedDecreased = true;
            lastBalance[i] = f.balance;
        }
    }
}

contract CommonFundInvariantTest is SpinTest {
    FundHandler internal handler;
    CommonFund internal fund;
    FundTestCoin internal coin;

    function setUp() public {
        handler = new FundHandler(new FundTestRegistry());
        fund = handler.fund();
        coin = handler.coin();
        targetContract(address(handler));
    }

    /// @notice The coin the fund holds is exactly its sub-fund balances, plus unclaimed stream
    /// amounts, plus stray coin not credited yet.
    function invariant_coinEqualsAccountsPlusSurplus() public view {
        uint256 accounts = handler.sumAccounts();
        assertEq(fund.accounted(), accounts, "accounted != balances + unclaimed streams");
        assertEq(
            coin.balanceOf(address(fund)),
            accounts + handler.ghostSurplus(),
            "coin != accounts + surplus"
        );
        assertEq(fund.unassigned(), handler.ghostSurplus(), "unassigned != stray coin");
    }

    /// @notice No locked sub-fund's balance ever went down before its lock date.
    function invariant_lockedSubFundsNeverDecrease() public view {
        assertTrue(!handler.lockedDecreased(), "a locked sub-fund decreased");
    }

    /// @notice No transaction ever paid out of a sub-fund more than the cap in force when it
    /// started, whatever it raised and however many grants it made.
    function invariant_oneTransactionTakesAtMostTheCap() public view {
        assertTrue(!handler.overCap(), "a transaction paid more than the cap");
    }

    /// @notice Nothing stuck: every stream's unclaimed coin could be claimed or swept back.
    function invariant_nothingStuckInStreams() public view {
        assertTrue(!handler.stuck(), "a stream kept coin nobody could move");
    }

    /// @notice The handler's new paths really run: a multi-grant transaction, a drill with a sweep.
    function test_handlerDrillsAndSweeps() public {
        handler.deposit(0, 0, 1e23);
        handler.createStream(0, 0, 1e21, 0, 10 days);
        handler.createStream(0, 1, 1e21, 0, 10 days);
        handler.createStream(0, 2, 1e21, 0, 10 days);
        handler.setStatus(0, 1); // suspended
        handler.setStatus(1, 2); // expelled
        handler.drill(0);
        assertEq(handler.drills(), 1, "the drill ran");
        assertEq(handler.sweptBack(), 2e21, "two streams swept back");
        assertEq(fund.accounted(), handler.sumAccounts(), "accounts still add up");
        handler.grantMany(0, 7, 1e20, true);
        assertTrue(!handler.overCap(), "the cap held");
    }
}

/// @dev Fuzzed single rules of the fund, against a fresh fund per test.
contract CommonFundFuzzTest is SpinTest {
    FundTestRegistry internal registry;
    FundTestCoin internal coin;
    CommonFund internal fund;
    address internal constant MEMBER = address(0xBEEF);
    uint64 internal lockDate;

    function setUp() public {
        registry = new FundTestRegistry();
        coin = new FundTestCoin();
        lockDate = uint64(block.timestamp + 365 days);
        fund = new CommonFund(
            address(this),
            IERC20(address(coin)),
            ICommonsRegistry(address(registry)),
            [lockDate, lockDate, lockDate],
            [uint16(10_000), 10_000, 10_000, 10_000]
        );
        registry.allow(MEMBER, true);
        registry.allow(address(this), true);
    }

    function _fill(uint256 subFund, uint256 amount) internal {
        coin.mint(address(fund), amount);
        fund.credit(subFund, amount, "fill");
    }

    /// @notice Before its lock date a locked sub-fund refuses every grant and stream.
    function testFuzz_lockedSubFundRefusesSpending(uint256 subFund, uint256 amount, uint256 wait) public {
        subFund = bound(subFund, 1, 3);
        amount = bound(amount, 1, 1e30);
        wait = bound(wait, 0, 365 days - 1);
        _fill(subFund, amount);
        vm.warp(block.timestamp + wait);
        vm.expectRevert(abi.encodeWithSelector(ICommonFund.CommonFundLocked.selector, subFund, lockDate));
        fund.grant(subFund, MEMBER, amount, "early");
        vm.expectRevert(abi.encodeWithSelector(ICommonFund.CommonFundLocked.selector, subFund, lockDate));
        fund.createStream(
            subFund,
            MEMBER,
            amount,
            uint48(block.timestamp),
            uint48(block.timestamp + 1),
            "early"
        );
        assertEq(fund.subFund(subFund).balance, amount, "locked balance changed");
    }

    /// @notice A lock date can only move later.
    function testFuzz_lockNeverShortened(uint64 requested) public {
        if (requested < lockDate) {
            vm.expectRevert(
                abi.encodeWithSelector(ICommonFund.CommonFundLockShortened.selector, 1, lockDate, requested)
            );
            fund.extendLock(1, requested);
            assertEq(fund.subFund(1).lockedUntil, lockDate, "lock moved");
        } else {
            fund.extendLock(1, requested);
            assertEq(fund.subFund(1).lockedUntil, requested, "lock not extended");
        }
    }

    /// @notice A grant passes exactly up to the cap, a share of the balance at execution.
    function testFuzz_capIsShareOfBalance(uint256 balance, uint16 capBps, uint256 amount) public {
        balance = bound(balance, 1, 1e30);
        capBps = uint16(bound(capBps, 0, 10_000));
        amount = bound(amount, 1, 2e30);
        fund.setCap(0, capBps);
        _fill(0, balance);
        uint256 cap = (balance * capBps) / 10_000;
        if (amount > cap) {
            vm.expectRevert(abi.encodeWithSelector(ICommonFund.CommonFundOverCap.selector, 0, amount, cap));
            fund.grant(0, MEMBER, amount, "too much");
            assertEq(fund.subFund(0).balance, balance, "balance changed");
        } else {
            fund.grant(0, MEMBER, amount, "ok");
            assertEq(coin.balanceOf(MEMBER), amount, "recipient not paid");
            assertEq(fund.subFund(0).balance, balance - amount, "balance not debited");
        }
    }

    /// @notice Vested never exceeds the stream; a cancellation splits it exactly into what the
    /// recipient keeps and what returns to the sub-fund.
    function testFuzz_streamCancelSplitsExactly(uint256 amount, uint32 length, uint32 cancelAfter) public {
        amount = bound(amount, 1, 1e30);
        uint48 start = uint48(block.timestamp);
        uint48 end = start + uint48(bound(length, 1, 400 days));
        _fill(0, amount);
        uint256 id = fund.createStream(0, MEMBER, amount, start, end, "stream");
        vm.warp(block.timestamp + bound(cancelAfter, 0, 500 days));
        uint256 vested = fund.claimable(id);
        assertTrue(vested <= amount, "vested more than the stream");
        fund.cancelStream(id);
        assertEq(fund.subFund(0).balance, amount - vested, "rest not returned");
        vm.warp(block.timestamp + 1000 days);
        assertEq(fund.claimable(id), vested, "vested part changed after cancel");
        if (vested > 0) {
            vm.prank(MEMBER);
            fund.claim(id);
        }
        assertEq(coin.balanceOf(MEMBER) + fund.subFund(0).balance, amount, "stream split lost coin");
        assertEq(coin.balanceOf(address(fund)), fund.accounted(), "fund holds other than its accounts");
    }

    /// @notice A raised cap is not in force before `CAP_RAISE_DELAY` has passed: until then a grant
    /// above the old cap fails; a lowered cap is in force at once.
    function testFuzz_capRaiseWaitsItsDelay(uint16 oldCap, uint16 newCap, uint256 wait) public {
        oldCap = uint16(bound(oldCap, 0, 9_999));
        newCap = uint16(bound(newCap, oldCap + 1, 10_000));
        wait = bound(wait, 0, 30 days);
        fund.setCap(0, oldCap);
        _fill(0, 1e24);
        fund.setCap(0, newCap);
        (uint16 pending, uint64 effectiveAt) = fund.pendingCapRaise(0);
        assertEq(pending, newCap, "raise pending");
        assertEq(effectiveAt, block.timestamp + fund.CAP_RAISE_DELAY(), "raise date");
        vm.warp(block.timestamp + wait);
        uint256 amount = (1e24 * uint256(newCap)) / 10_000;
        if (wait < fund.CAP_RAISE_DELAY()) {
            uint256 available = (1e24 * uint256(oldCap)) / 10_000;
            assertEq(fund.subFund(0).capBps, oldCap, "old cap still in force");
            vm.expectRevert(
                abi.encodeWithSelector(ICommonFund.CommonFundOverCap.selector, 0, amount, available)
            );
            fund.grant(0, MEMBER, amount, "too early");
        } else {
            assertEq(fund.subFund(0).capBps, newCap, "new cap in force");
            fund.grant(0, MEMBER, amount, "after the delay");
            assertEq(coin.balanceOf(MEMBER), amount, "paid under the raised cap");
        }
        fund.setCap(0, 0);
        assertEq(fund.subFund(0).capBps, 0, "a lower cap is in force at once");
        (pending, ) = fund.pendingCapRaise(0);
        assertEq(pending, 0, "lowering drops the pending raise");
    }

    /// @notice However many grants one transaction makes out of a sub-fund, together they take at
    /// most the cap of the balance it had at the first (a test function is one transaction).
    function testFuzz_grantsOfOneTransactionShareTheCap(uint16 capBps, uint8 count, uint256 amount) public {
        capBps = uint16(bound(capBps, 1, 10_000));
        count = uint8(bound(count, 1, 20));
        fund.setCap(0, capBps);
        _fill(0, 1e24);
        uint256 cap = (1e24 * uint256(capBps)) / 10_000;
        amount = bound(amount, 1, cap);
        uint256 paid;
        for (uint256 i; i < count; ++i) {
            if (paid + amount > cap) {
                vm.expectRevert(
                    abi.encodeWithSelector(ICommonFund.CommonFundOverCap.selector, 0, amount, cap - paid)
                );
                fund.grant(0, MEMBER, amount, "over");
            } else {
                fund.grant(0, MEMBER, amount, "within");
                paid += amount;
            }
        }
        assertEq(coin.balanceOf(MEMBER), paid, "paid what passed");
        assertTrue(paid <= cap, "more than the cap left in one transaction");
    }

    /// @notice Nothing stuck: whatever happens to its recipient, a stream's unclaimed coin can be
    /// moved out, by a claim (allowed), a sweep at once (expelled) or a sweep one period after a
    /// mark (suspended), and a sweep returns exactly the rest to the sub-fund.
    function testFuzz_everyStreamHasAWayOut(
        uint256 amount,
        uint32 length,
        uint8 fate,
        uint32 elapsed
    ) public {
        amount = bound(amount, 1, 1e30);
        uint48 start = uint48(block.timestamp);
        uint48 end = start + uint48(bound(length, 1, 400 days));
        _fill(0, amount);
        uint256 id = fund.createStream(0, MEMBER, amount, start, end, "stream");
        vm.warp(block.timestamp + bound(elapsed, 0, 500 days));
        ICommonsRegistry.Status[3] memory fates = [
            ICommonsRegistry.Status.Admitted,
            ICommonsRegistry.Status.Suspended,
            ICommonsRegistry.Status.Expelled
        ];
        ICommonsRegistry.Status status = fates[fate % 3];
        registry.setStatus(MEMBER, status);
        if (status == ICommonsRegistry.Status.Admitted) {
            vm.expectRevert(
                abi.encodeWithSelector(ICommonFund.CommonFundRecipientAllowed.selector, id, MEMBER)
            );
            fund.sweepStream(id, "not stuck");
            vm.warp(end);
            vm.prank(MEMBER);
            fund.claim(id);
        } else {
            if (status == ICommonsRegistry.Status.Suspended) {
                vm.expectRevert(abi.encodeWithSelector(ICommonFund.CommonFundSweepTooEarly.selector, id, 0));
                fund.sweepStream(id, "unmarked");
                fund.markStreamUnclaimable(id);
                uint64 sweepableAt = uint64(block.timestamp) + fund.UNCLAIMED_PERIOD();
                (uint64 markedAt, uint64 until) = fund.unclaimableMark(id);
                assertEq(markedAt, block.timestamp, "marked now");
                assertEq(until, sweepableAt, "sweepable one period later");
                vm.expectRevert(
                    abi.encodeWithSelector(ICommonFund.CommonFundSweepTooEarly.selector, id, sweepableAt)
                );
                fund.markStreamUnclaimable(id);
                vm.warp(sweepableAt - 1);
                vm.expectRevert(
                    abi.encodeWithSelector(ICommonFund.CommonFundSweepTooEarly.selector, id, sweepableAt)
                );
                fund.sweepStream(id, "one second early");
                vm.warp(sweepableAt);
            }
            fund.sweepStream(id, "recipient gone");
            assertEq(fund.subFund(0).balance, amount, "the whole stream came back");
        }
        assertEq(fund.claimable(id), 0, "nothing left to claim");
        assertEq(coin.balanceOf(MEMBER) + fund.subFund(0).balance, amount, "stream coin lost");
        assertEq(fund.accounted(), fund.subFund(0).balance, "a stream still holds coin");
    }

    /// @notice A split assigns all unassigned coin: each sub-fund its share rounded down, Pooled
    /// its share plus the rounding.
    function testFuzz_creditSplitAssignsEverything(uint256 amount, uint16 a, uint16 b, uint16 c) public {
        amount = bound(amount, 1, 1e30);
        a = uint16(bound(a, 0, 10_000));
        b = uint16(bound(b, 0, 10_000 - a));
        c = uint16(bound(c, 0, 10_000 - a - b));
        uint16[] memory shares = new uint16[](4);
        (shares[0], shares[1], shares[2], shares[3]) = (10_000 - a - b - c, a, b, c);
        coin.mint(address(fund), amount);
        fund.creditSplit(shares, "initial allocation");
        uint256 total;
        for (uint256 i = 1; i < 4; ++i) {
            uint256 balance = fund.subFund(i).balance;
            assertEq(balance, (amount * shares[i]) / 10_000, "share rounded down");
            total += balance;
        }
        total += fund.subFund(0).balance;
        assertEq(total, amount, "everything assigned");
        assertEq(fund.unassigned(), 0, "nothing left unassigned");
    }

    /// @notice Credit assigns only surplus that is already there.
    function testFuzz_creditNeedsSurplus(uint256 sent, uint256 credited) public {
        sent = bound(sent, 0, 1e30);
        credited = bound(credited, 1, 2e30);
        coin.mint(address(fund), sent);
        if (credited > sent) {
            vm.expectRevert(
                abi.encodeWithSelector(ICommonFund.CommonFundInsufficientSurplus.selector, sent, credited)
            );
            fund.credit(0, credited, "more than arrived");
        } else {
            fund.credit(0, credited, "licence fees");
            assertEq(fund.unassigned(), sent - credited, "surplus not reduced");
            assertEq(fund.subFund(0).balance, credited, "sub-fund not credited");
        }
    }
}
