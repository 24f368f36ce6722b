// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest, Vm} from "../utils/Vm.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {Admissions} from "../../../contracts/registry/Admissions.sol";
import {SpinCoin} from "../../../contracts/coin/SpinCoin.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";
import {ISpinCoin} from "../../../contracts/interfaces/ISpinCoin.sol";

/// @notice Moves coin at random among members, outsiders and a protocol account, while
/// governance suspends, reinstates and expels; watches that disallowed accounts never gain coin.
contract CoinHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    CommonsRegistry public immutable registry;
    SpinCoin public immutable coin;
    address[] public actors;

    bool public disallowedGainedCoin;
    uint256 public successfulMoves;

    constructor(CommonsRegistry registry_, SpinCoin coin_, address[] memory actors_) {
        registry = registry_;
        coin = coin_;
        actors = actors_;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = amount % (coin.balanceOf(from) + 1);
        uint256[] memory before = _disallowedBalances();
        vm.prank(from);
        try coin.transfer(to, amount) {
            ++successfulMoves;
        } catch {}
        _check(before);
    }

    function transferFrom(uint256 spenderSeed, uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address spender = _actor(spenderSeed);
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = amount % (coin.balanceOf(from) + 1);
        vm.prank(from);
        coin.approve(spender, amount);
        uint256[] memory before = _disallowedBalances();
        vm.prank(spender);
        try coin.transferFrom(from, to, amount) {
            ++successfulMoves;
        } catch {}
        _check(before);
    }

    function mint(uint256 toSeed, uint256 amount) external {
        address to = _actor(toSeed);
        amount = amount % (coin.yearlyMintCap() + 1);
        uint256[] memory before = _disallowedBalances();
        try coin.mint(to, amount) {} catch {}
        _check(before);
    }

    function suspendOrReinstate(uint256 seed) external {
        address account = _actor(seed);
        ICommonsRegistry.Status status = registry.statusOf(account);
        if (status == ICommonsRegistry.Status.Admitted) registry.suspend(account, "");
        else if (status == ICommonsRegistry.Status.Suspended) registry.reinstate(account, "");
    }

    function expel(uint256 seed) external {
        address account = _actor(seed);
        ICommonsRegistry.Status status = registry.statusOf(account);
        if (status == ICommonsRegistry.Status.Admitted || status == ICommonsRegistry.Status.Suspended) {
            registry.expel(account, "");
        }
    }

    function passYear() external {
        vm.warp(block.timestamp + 365 days);
    }

    function _disallowedBalances() private view returns (uint256[] memory balances) {
        balances = new uint256[](actors.length);
        for (uint256 i = 0; i < actors.length; ++i) {
            balances[i] = registry.isAllowed(actors[i]) ? type(uint256).max : coin.balanceOf(actors[i]);
        }
    }

    /// @dev Any account that was disallowed before the action must not hold more after it.
    function _check(uint256[] memory before) private {
        for (uint256 i = 0; i < actors.length; ++i) {
            if (before[i] != type(uint256).max && coin.balanceOf(actors[i]) > before[i]) {
                disallowedGainedCoin = true;
            }
        }
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }
}

contract SpinCoinInvariantsTest is SpinTest {
    uint256 private constant CAP = 1_000e18;
    bytes32 private constant HASH = keccak256("profile");

    CommonsRegistry private registry;
    SpinCoin private coin;
    CoinHandler private handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new CommonsRegistry(address(this), 2, 7 days);
        coin = new SpinCoin(registry, address(this), 1_000_000e18, CAP);

        address[] memory actors = new address[](7);
        for (uint256 i = 0; i < 4; ++i) {
            actors[i] = vm.addr(i + 1);
            registry.admit(actors[i], ICommonsRegistry.Kind.Person, "ipfs://p", HASH);
        }
        actors[4] = vm.addr(5); // an outsider
        actors[5] = vm.addr(6); // an applicant
        vm.prank(actors[5]);
        Admissions(registry.admissions()).applyForAdmission(
            ICommonsRegistry.Kind.Cooperative,
            "ipfs://c",
            HASH
        );
        actors[6] = vm.addr(7); // the fund, a protocol account
        registry.setProtocolAccount(actors[6], true);
        coin.mintInitialAllocation(actors[6]);
        for (uint256 i = 0; i < 4; ++i) {
            vm.prank(actors[6]);
            coin.transfer(actors[i], 1_000e18);
        }

        handler = new CoinHandler(registry, coin, actors);
        registry.grantRole(registry.DEFAULT_ADMIN_ROLE(), address(handler));
        coin.grantRole(coin.DEFAULT_ADMIN_ROLE(), address(handler));
        targetContract(address(handler));
    }

    /// @dev Coin only ever sits with the actors, so their balances add up to the supply.
    /// forge-config: default.invariant.depth = 100
    function invariant_totalSupplyEqualsSumOfBalances() public view {
        uint256 sum = 0;
        for (uint256 i = 0; i < handler.actorCount(); ++i) sum += coin.balanceOf(handler.actors(i));
        assertEq(coin.totalSupply(), sum, "total supply != sum of balances");
    }

    /// @dev No non-admitted, suspended or expelled account ever gains coin.
    /// forge-config: default.invariant.depth = 100
    function invariant_noDisallowedAccountGainsCoin() public view {
        assertTrue(!handler.disallowedGainedCoin(), "a disallowed account gained coin");
    }

    /// @dev Governance never mints past the yearly cap.
    /// forge-config: default.invariant.depth = 100
    function invariant_yearlyMintingWithinCap() public view {
        assertTrue(coin.mintedInYear(coin.currentYear()) <= CAP, "cap exceeded");
    }
}

/// @notice Fuzzed coin rules.
contract SpinCoinFuzzTest is SpinTest {
    uint256 private constant CAP = 1_000e18;
    bytes32 private constant HASH = keccak256("profile");

    CommonsRegistry private registry;
    SpinCoin private coin;
    address private alice;
    address private bob;

    function setUp() public {
        registry = new CommonsRegistry(address(this), 2, 7 days);
        coin = new SpinCoin(registry, address(this), 1_000e18, CAP);
        alice = vm.addr(1);
        bob = vm.addr(2);
        registry.admit(alice, ICommonsRegistry.Kind.Person, "ipfs://p", HASH);
        registry.admit(bob, ICommonsRegistry.Kind.Person, "ipfs://p", HASH);
        coin.mintInitialAllocation(alice);
    }

    /// @dev Any transfer to an account the registry does not know reverts and moves nothing.
    function testFuzz_transferToNonMemberReverts(address to, uint256 amount) public {
        vm.assume(to != alice && to != bob && to != address(0));
        amount = bound(amount, 0, 1_000e18);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpinCoin.SpinCoinRecipientNotAllowed.selector,
                to,
                ICommonsRegistry.Status.None
            )
        );
        coin.transfer(to, amount);
        assertEq(coin.balanceOf(alice), 1_000e18, "balance moved");
    }

    /// @dev Two mints in one year pass exactly when together they fit under the cap.
    function testFuzz_mintsFitUnderTheYearlyCap(uint256 first, uint256 second) public {
        first = bound(first, 0, CAP);
        second = bound(second, 0, 2 * CAP);
        coin.mint(bob, first);
        if (first + second > CAP) {
            vm.expectRevert(
                abi.encodeWithSelector(ISpinCoin.SpinCoinYearlyCapExceeded.selector, 0, first, second, CAP)
            );
            coin.mint(bob, second);
            assertEq(coin.mintedInYear(0), first, "minted after revert");
        } else {
            coin.mint(bob, second);
            assertEq(coin.mintedInYear(0), first + second, "minted");
        }
        assertEq(coin.totalSupply(), 1_000e18 + coin.mintedInYear(0), "supply");
    }

    /// @dev A suspended member's coin is frozen whatever the amount.
    function testFuzz_suspendedSenderCannotMove(uint256 amount) public {
        amount = bound(amount, 0, 1_000e18);
        registry.suspend(alice, "");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpinCoin.SpinCoinSenderNotAllowed.selector,
                alice,
                ICommonsRegistry.Status.Suspended
            )
        );
        coin.transfer(bob, amount);
    }
}
