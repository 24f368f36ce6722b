// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest} from "../utils/Vm.sol";
import {WorksSetup} from "./WorksSetup.sol";
import {IWorksRegistry} from "../../../contracts/interfaces/IWorksRegistry.sol";

/// @notice Commit and reveal: the earliest commitment wins a content hash, within the window.
contract ContentClaimsTest is SpinTest, WorksSetup {
    bytes32 internal constant HASH = keccak256("the author's bundle");

    function setUp() public {
        deploySpin();
    }

    function _registration(address registrant) internal view returns (IWorksRegistry.Registration memory r) {
        r = registrationOf(HASH, PPL, 5_000, 2_500, new uint256[](0));
        r.stewards[0] = registrant;
    }

    /// @notice Whoever registers first, the older commitment ends up with the hash if it is
    /// revealed within the window; otherwise the first registration keeps it. The loser of a
    /// takeover is suspended. Equal blocks favour whoever holds the hash.
    function testFuzz_earliestCommitmentWins(uint8 authorBlock, uint8 squatterBlock, uint32 delay) public {
        address author = persons[0];
        address squatter = persons[1];
        uint256 start = block.number;
        uint256 a = start + (authorBlock % 8);
        uint256 q = start + (squatterBlock % 8);
        for (uint256 b = start; b <= (a > q ? a : q); ++b) {
            vm.roll(b);
            if (b == a) _commit(author);
            if (b == q) _commit(squatter);
        }
        vm.roll(block.number + 1);
        vm.prank(squatter);
        uint256 squatted = works.register(_registration(squatter), bytes32("q"));
        vm.warp(block.timestamp + (delay % 60 days));
        bool takesOver = a < q && delay % 60 days <= works.PRIORITY_WINDOW();
        vm.prank(author);
        if (!takesOver) {
            vm.expectRevert(
                abi.encodeWithSelector(IWorksRegistry.WorksContentHashTaken.selector, HASH, squatted)
            );
            works.register(_registration(author), bytes32("a"));
            (uint256 holder, ) = works.workOfHash(HASH);
            assertEq(holder, squatted, "the first registration keeps the hash");
        } else {
            uint256 authored = works.register(_registration(author), bytes32("a"));
            (uint256 holder, uint32 version) = works.workOfHash(HASH);
            assertEq(holder, authored, "the older commitment took the hash");
            assertEq(version, 1, "as its first version");
            assertTrue(works.workOf(squatted).suspended, "the squatter's work is suspended");
        }
    }

    /// @notice A reveal in the commitment's own block, or without a commitment, is refused.
    function testFuzz_revealNeedsAnOlderCommitment(bytes32 salt, bool commitFirst) public {
        address author = persons[0];
        bytes32 commitment = works.commitmentFor(HASH, author, salt);
        if (commitFirst) {
            vm.prank(author);
            works.commitRegistration(commitment);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IWorksRegistry.WorksCommitmentTooRecent.selector,
                    commitment,
                    block.number
                )
            );
        } else {
            vm.expectRevert(abi.encodeWithSelector(IWorksRegistry.WorksNoCommitment.selector, commitment));
        }
        vm.prank(author);
        works.register(_registration(author), salt);
    }

    function _commit(address registrant) internal {
        bytes32 salt = registrant == persons[0] ? bytes32("a") : bytes32("q");
        bytes32 commitment = works.commitmentFor(HASH, registrant, salt);
        vm.prank(registrant);
        works.commitRegistration(commitment);
    }
}
