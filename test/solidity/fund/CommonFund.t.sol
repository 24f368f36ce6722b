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

/// @dev The one registry question the fund asks.
contract FundTestRegistry {
    mapping(address account => bool) public isAllowed;

    function allow(address account, bool allowed) external {
        isAllowed[account] = allowed;
    }
}

/// @dev Random deposits, stray transfers, credits, grants, streams, claims, cancellations and the
/// passing of time, all tolerated to fail (a refused call changes nothing), with ghost totals.
contract FundHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    CommonFund public immutable fund;
    FundTestCoin public immutable coin;
    address[3] internal members;

    /// @notice Coin sent to the fund by plain transfer and not credited yet.
    uint256 public ghostSurplus;
    /// @notice Set when a locked sub-fund's balance went down before its lock date.
    bool public lockedDecreased;
    uint256[4] internal lastBalance;

    constructor(FundTestRegistry registry) {
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

    function createStream(uint256 subFund, uint256 who, uint256 amount, uint32 delay, uint32 length) external {
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
        assertEq(coin.balanceOf(address(fund)), accounts + handler.ghostSurplus(), "coin != accounts + surplus");
        assertEq(fund.unassigned(), handler.ghostSurplus(), "unassigned != stray coin");
    }

    /// @notice No locked sub-fund's balance ever went down before its lock date.
    function invariant_lockedSubFundsNeverDecrease() public view {
        assertTrue(!handler.lockedDecreased(), "a locked sub-fund decreased");
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
        fund.createStream(subFund, MEMBER, amount, uint48(block.timestamp), uint48(block.timestamp + 1), "early");
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
