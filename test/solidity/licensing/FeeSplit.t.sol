// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest} from "../utils/Vm.sol";
import {WorksSetup} from "../works/WorksSetup.sol";
import {FeeSplit} from "../../../contracts/libraries/FeeSplit.sol";
import {ILicenceTemplates} from "../../../contracts/interfaces/ILicenceTemplates.sol";
import {IWorksRegistry} from "../../../contracts/interfaces/IWorksRegistry.sol";

/// @notice A fee is always split exactly: the parts sum to the price, whatever the numbers.
contract FeeSplitTest is SpinTest, WorksSetup {
    function setUp() public {
        deploySpin();
    }

    function _terms(
        uint256 seedA,
        uint256 seedB,
        uint256 seedC
    ) private pure returns (ILicenceTemplates.Terms memory t) {
        t.contributorsBps = uint16(seedA % 10_001);
        t.upstreamBps = uint16(seedB % (10_001 - uint256(t.contributorsBps)));
        t.fundABps = uint16(seedC % (10_001 - uint256(t.contributorsBps) - t.upstreamBps));
        t.fundBBps = 10_000 - t.contributorsBps - t.upstreamBps - t.fundABps;
    }

    function testFuzz_purchaseSplitSumsToPrice(
        uint96 price,
        uint256 a,
        uint256 b,
        uint256 c,
        bool hasParents
    ) public pure {
        ILicenceTemplates.Terms memory t = _terms(a, b, c);
        FeeSplit.Parts memory p = FeeSplit.ofPurchase(price, t, hasParents);
        assertEq(p.perBps * 10_000 + p.toUpstream + p.toFundA + p.toFundB + p.dust, price, "parts != price");
        assertTrue(p.dust < 10_000 + 3, "dust is only rounding");
        if (!hasParents) assertEq(p.toUpstream, 0, "an original work passes nothing upstream");
    }

    function testFuzz_incomeSplitSumsToAmount(
        uint128 amount,
        uint256 a,
        uint256 b,
        bool hasParents
    ) public pure {
        ILicenceTemplates.Terms memory t = _terms(a, b, 0);
        FeeSplit.Parts memory p = FeeSplit.ofIncome(amount, t, hasParents);
        assertEq(p.perBps * 10_000 + p.toUpstream + p.dust, amount, "parts != amount");
        assertTrue(p.dust < 10_000, "dust is only rounding");
    }

    /// @notice Through the real contracts: the buyer pays exactly the price, and licensing owes
    /// exactly what it received.
    function testFuzz_purchasePaysExactlyThePrice(uint96 priceSeed, uint16 share0, uint16 share1) public {
        uint256 price = bound(priceSeed, 1, 1e9 ether);
        share0 = uint16(bound(share0, 1, 9_998));
        share1 = uint16(bound(share1, 1, 9_999 - share0));
        uint256 parent = registerAs(
            persons[0],
            registrationOf(keccak256("parent"), PPL, share0, share1, new uint256[](0))
        );
        uint256[] memory parents = new uint256[](1);
        parents[0] = parent;
        uint256 fork = registerAs(
            persons[0],
            registrationOf(keccak256("fork"), PPL, share1, share0, parents)
        );
        vm.prank(persons[0]);
        licensing.setWorkPrice(fork, uint96(price));
        uint256 before = coin.balanceOf(firm);
        vm.prank(firm);
        licensing.purchase(fork, price, 0, 0, bytes32(0), bytes32(0));
        assertEq(before - coin.balanceOf(firm), price, "buyer paid the price");
        assertEq(coin.balanceOf(address(licensing)), price, "licensing holds the price");
        assertEq(owed(), price, "licensing owes exactly the price");
        (, uint128 upstream) = licensing.potOf(fork);
        if (upstream == 0) return; // a tiny price leaves nothing for the parent
        vm.prank(persons[1]);
        licensing.settleUpstream(fork);
        assertEq(owed(), price, "settling moves money, never creates or loses it");
    }

    function testFuzz_sharesNotWholeAlwaysRevert(uint16 share0, uint16 share1, uint16 share2) public {
        share0 = uint16(bound(share0, 1, 10_000));
        share1 = uint16(bound(share1, 1, 10_000));
        share2 = uint16(bound(share2, 1, 10_000));
        uint256 total = uint256(share0) + share1 + share2;
        vm.assume(total != 10_000);
        IWorksRegistry.Registration memory r = registrationOf(keccak256("w"), PPL, 1, 1, new uint256[](0));
        (r.shares[0], r.shares[1], r.shares[2]) = (share0, share1, share2);
        commitAs(persons[0], r.contentHash, bytes32(0));
        vm.prank(persons[0]);
        vm.expectRevert(abi.encodeWithSelector(IWorksRegistry.WorksSharesNotWhole.selector, total));
        works.register(r, bytes32(0));
    }
}
