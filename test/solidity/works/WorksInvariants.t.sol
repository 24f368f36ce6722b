// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest, Vm} from "../utils/Vm.sol";
import {WorksSetup} from "./WorksSetup.sol";
import {WorksRegistry} from "../../../contracts/works/WorksRegistry.sol";
import {IWorksRegistry} from "../../../contracts/interfaces/IWorksRegistry.sol";

/// @notice Random registrations, forks and versions, some reusing content hashes on purpose.
contract WorksHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    WorksRegistry private immutable works;
    address private immutable steward;
    WorksInvariantsTest private immutable test;

    /// @dev Keeps each run's registry small enough that checking every invariant stays quick.
    uint256 private constant MAX_WORKS = 32;

    /// @notice Every content hash ever accepted, in order, with the work and version it was
    /// accepted for.
    bytes32[] public accepted;
    uint256[] public acceptedWork;
    uint32[] public acceptedVersion;

    constructor(WorksRegistry works_, address steward_) {
        works = works_;
        steward = steward_;
        test = WorksInvariantsTest(msg.sender);
    }

    function acceptedCount() external view returns (uint256) {
        return accepted.length;
    }

    /// @dev Half the time the hash is one already used: the registry must refuse it.
    function _hash(uint256 seed) private view returns (bytes32) {
        if (accepted.length > 0 && seed % 2 == 0) return accepted[(seed / 2) % accepted.length];
        return keccak256(abi.encode(seed, accepted.length));
    }

    function register(uint256 hashSeed, uint256 parentSeed, uint8 parentCount) external {
        uint256 count = works.workCount();
        if (count >= MAX_WORKS) return;
        uint256 n = uint256(parentCount) % 5;
        if (n > count) n = count;
        uint256[] memory parents = new uint256[](n);
        for (uint256 i; i < n; ++i) parents[i] = 1 + ((parentSeed + i) % count);
        bytes32 hash = _hash(hashSeed);
        IWorksRegistry.Registration memory r = test.registrationFor(hash, parents);
        vm.prank(steward);
        try works.register(r) returns (uint256 workId) {
            _accept(hash, workId, 1);
        } catch {}
    }

    function addVersion(uint256 workSeed, uint256 hashSeed) external {
        uint256 count = works.workCount();
        if (count == 0 || accepted.length >= 2 * MAX_WORKS) return;
        bytes32 hash = _hash(hashSeed);
        uint256 workId = 1 + (workSeed % count);
        vm.prank(steward);
        try works.addVersion(workId, hash, "") {
            _accept(hash, workId, works.workOf(workId).versionCount);
        } catch {}
    }

    function _accept(bytes32 hash, uint256 workId, uint32 version) private {
        accepted.push(hash);
        acceptedWork.push(workId);
        acceptedVersion.push(version);
    }
}

/// @notice Lineage stays acyclic and content hashes stay unique, whatever is registered.
contract WorksInvariantsTest is SpinTest, WorksSetup {
    WorksHandler private handler;

    function setUp() public {
        deploySpin();
        handler = new WorksHandler(works, persons[0]);
        targetContract(address(handler));
    }

    function registrationFor(
        bytes32 hash,
        uint256[] memory parents
    ) external view returns (IWorksRegistry.Registration memory) {
        return registrationOf(hash, PPL, 5_000, 2_500, parents);
    }

    /// @notice The handler really registers works and versions, and the registry refuses reused hashes.
    function test_handlerRegistersForksAndVersions() public {
        handler.register(1, 0, 0);
        handler.register(3, 7, 3);
        handler.addVersion(0, 5);
        handler.register(0, 1, 1); // even seed: reuses an accepted hash, refused
        assertEq(works.workCount(), 2, "two works");
        assertEq(handler.acceptedCount(), 3, "three hashes");
        assertEq(works.parentsOf(2).length, 1, "the fork has its parent");
    }

    /// @notice Every parent was registered before its fork, so following parents always ends.
    function invariant_lineageIsAcyclic() public view {
        uint256 count = works.workCount();
        for (uint256 id = 1; id <= count; ++id) {
            uint256[] memory parents = works.parentsOf(id);
            for (uint256 i; i < parents.length; ++i) {
                assertTrue(parents[i] >= 1 && parents[i] < id, "a parent is older than its fork");
            }
        }
    }

    /// @notice Each accepted hash still names the (work, version) it was accepted for; those
    /// pairs are distinct by construction (new work, or the next version), and there are as
    /// many accepted hashes as versions: no hash was ever accepted twice.
    function invariant_contentHashesAreUnique() public view {
        uint256 n = handler.acceptedCount();
        uint256 versions;
        uint256 count = works.workCount();
        for (uint256 id = 1; id <= count; ++id) versions += works.workOf(id).versionCount;
        assertEq(n, versions, "one accepted hash per version");
        for (uint256 i; i < n; ++i) {
            (uint256 workId, uint32 version) = works.workOfHash(handler.accepted(i));
            assertEq(workId, handler.acceptedWork(i), "hash names its work");
            assertEq(version, handler.acceptedVersion(i), "hash names its version");
        }
    }
}
