// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest, Vm} from "../utils/Vm.sol";
import {WorksSetup} from "../works/WorksSetup.sol";
import {Licensing} from "../../../contracts/licensing/Licensing.sol";
import {WorksRegistry} from "../../../contracts/works/WorksRegistry.sol";

/// @notice Random purchases at random prices, settlements, claims and flushes over a fixed
/// lineage: a diamond (1 <- 2, 1 <- 3, 2 + 3 <- 4) and a CopyFair fork of 4 (5).
contract LicensingHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    Licensing private immutable licensing;
    WorksRegistry private immutable works;
    address private immutable firm;
    address[3] private persons;

    uint256 public purchases;

    constructor(Licensing licensing_, WorksRegistry works_, address firm_, address[3] memory persons_) {
        licensing = licensing_;
        works = works_;
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
        licensing.setWorkPrice(workId, uint96(price));
        vm.prank(firm);
        licensing.purchase(workId, price, 0, 0, bytes32(0), bytes32(0));
        purchases += 1;
    }

    function settle(uint256 workSeed) external {
        uint256 workId = _work(workSeed);
        (, uint128 upstream) = licensing.potOf(workId);
        if (upstream < works.workOf(workId).parentCount || upstream == 0) return;
        vm.prank(persons[1]);
        licensing.settleUpstream(workId);
    }

    function claim(uint256 workSeed, uint256 personSeed) external {
        uint256 workId = _work(workSeed);
        address person = persons[personSeed % 3];
        if (licensing.claimable(workId, person) == 0) return;
        vm.prank(person);
        licensing.claim(workId);
    }

    function flush() external {
        uint128[4] memory pending = licensing.fundPending();
        if (pending[0] + pending[1] + pending[2] + pending[3] == 0) return;
        vm.prank(persons[2]);
        licensing.flushFund();
    }
}

/// @notice Licensing's coin balance always equals what it owes.
contract LicensingInvariantsTest is SpinTest, WorksSetup {
    LicensingHandler private handler;

    function setUp() public {
        deploySpin();
        vm.startPrank(persons[0]);
        uint256[] memory none = new uint256[](0);
        uint256 root = works.register(registrationOf(keccak256("1"), PPL, 3_333, 3_333, none));
        uint256[] memory one = new uint256[](1);
        one[0] = root;
        uint256 left = works.register(registrationOf(keccak256("2"), PPL, 1, 9_000, one));
        uint256 right = works.register(registrationOf(keccak256("3"), COPYFAIR, 7_777, 1, one));
        uint256[] memory two = new uint256[](2);
        (two[0], two[1]) = (left, right);
        uint256 diamond = works.register(registrationOf(keccak256("4"), PPL, 4_999, 4_999, two));
        one[0] = diamond;
        works.register(registrationOf(keccak256("5"), COPYFAIR, 1, 1, one));
        vm.stopPrank();
        handler = new LicensingHandler(licensing, works, firm, persons);
        targetContract(address(handler));
    }

    /// @notice The handler's actions really run (an invariant over reverted calls proves nothing).
    function test_handlerBuysSettlesClaimsAndFlushes() public {
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
    }

    function invariant_balanceEqualsWhatIsOwed() public view {
        assertEq(coin.balanceOf(address(licensing)), owed(), "licensing holds exactly what it owes");
    }

    /// @notice Coin only moves between accounts: nothing is created or lost on the way.
    function invariant_noCoinCreatedOrLost() public view {
        uint256 total =
            coin.balanceOf(firm) + coin.balanceOf(address(licensing)) + coin.balanceOf(address(fund));
        for (uint256 i; i < 3; ++i) total += coin.balanceOf(persons[i]);
        assertEq(total, 1e11 ether, "supply is conserved");
    }
}
