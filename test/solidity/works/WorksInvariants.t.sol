// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SpinTest, Vm} from "../utils/Vm.sol";
import {WorksSetup} from "./WorksSetup.sol";
import {WorksRegistry} from "../../../contracts/works/WorksRegistry.sol";
import {IWorksRegistry} from "../../../contracts/interfaces/IWorksRegistry.sol";

/// @notice Two registrants, an author and a squatter, commit to a small pool of content hashes
/// at random blocks and race to register them as works or versions; governance now and then
/// reassigns a hash. Ghost state follows where each hash should be.
contract WorksHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    WorksRegistry private immutable works;
    WorksInvariantsTest private immutable test;
    address[2] private registrants;

    /// @dev Keeps each run's registry small enough that checking every invariant stays quick.
    uint256 private constant MAX_WORKS = 32;
    uint256 private constant HASHES = 12;

    /// @notice Every content hash ever accepted, the (work, version) it names now (0, 0 when
    /// governance freed or reserved it), and every (work, version) that lost its hash.
    bytes32[] public accepted;
    mapping(bytes32 hash => uint256) public ghostWork;
    mapping(bytes32 hash => uint32) public ghostVersion;
    uint256[] public losers;
    /// @notice How many hashes moved to an older commitment, and how many were reassigned.
    uint256 public superseded;
    uint256 public reassigned;
    uint256 public commits;

    constructor(WorksRegistry works_, address author, address squatter) {
        works = works_;
        registrants = [author, squatter];
        test = WorksInvariantsTest(msg.sender);
    }

    function acceptedCount() external view returns (uint256) {
        return accepted.length;
    }

    function loserCount() external view returns (uint256) {
        return losers.length;
    }

    function _hash(uint256 seed) private pure returns (bytes32) {
        return keccak256(abi.encode("content", seed % HASHES));
    }

    /// @dev Each registrant uses one salt per hash, so a commitment can be found again.
    function _salt(address registrant, bytes32 hash) private pure returns (bytes32) {
        return keccak256(abi.encode(registrant, hash));
    }

    function commit(uint256 who, uint256 hashSeed) external {
        address registrant = registrants[who % 2];
        bytes32 hash = _hash(hashSeed);
        bytes32 commitment = works.commitmentFor(hash, registrant, _salt(registrant, hash));
        vm.prank(registrant);
        try works.commitRegistration(commitment) {
            commits += 1;
        } catch {}
    }

    function nextBlocks(uint8 blocks, uint32 seconds_) external {
        vm.roll(block.number + 1 + (blocks % 4));
        vm.warp(block.timestamp + (seconds_ % 20 days));
    }

    function register(uint256 who, uint256 hashSeed, uint256 parentSeed, uint8 parentCount) external {
        uint256 count = works.workCount();
        if (count >= MAX_WORKS) return;
        uint256 n = uint256(parentCount) % 3;
        if (n > count) n = count;
        uint256[] memory parents = new uint256[](n);
        for (uint256 i; i < n; ++i) parents[i] = 1 + ((parentSeed + i) % count);
        address registrant = registrants[who % 2];
        bytes32 hash = _hash(hashSeed);
        IWorksRegistry.Registration memory r = test.registrationFor(hash, registrant, parents);
        (uint256 before, ) = works.workOfHash(hash);
        vm.prank(registrant);
        try works.register(r, _salt(registrant, hash)) returns (uint256 workId) {
            _accept(hash, workId, 1, before);
        } catch {}
    }

    function addVersion(uint256 who, uint256 workSeed, uint256 hashSeed) external {
        uint256 count = works.workCount();
        if (count == 0) return;
        address registrant = registrants[who % 2];
        bytes32 hash = _hash(hashSeed);
        uint256 workId = 1 + (workSeed % count);
        (uint256 before, ) = works.workOfHash(hash);
        vm.prank(registrant);
        try works.addVersion(workId, hash, "", _salt(registrant, hash)) {
            _accept(hash, workId, works.workOf(workId).versionCount, before);
        } catch {}
    }

    /// @dev Governance reserves the hash for one registrant, or frees it.
    function reassign(uint256 hashSeed, uint256 to) external {
        bytes32 hash = _hash(hashSeed);
        address beneficiary = to % 3 == 2 ? address(0) : registrants[to % 3];
        (uint256 before, ) = works.workOfHash(hash);
        try works.reassignHash(hash, beneficiary, "dispute") {
            if (before != 0) losers.push(before);
            ghostWork[hash] = 0;
            ghostVersion[hash] = 0;
            reassigned += 1;
        } catch {}
    }

    function _accept(bytes32 hash, uint256 workId, uint32 version, uint256 before) private {
        if (ghostWork[hash] == 0 && ghostVersion[hash] == 0 && !_known(hash)) accepted.push(hash);
        if (before != 0) {
            losers.push(before);
            superseded += 1;
        }
        ghostWork[hash] = workId;
        ghostVersion[hash] = version;
    }

    function _known(bytes32 hash) private view returns (bool) {
        for (uint256 i; i < accepted.length; ++i) if (accepted[i] == hash) return true;
        return false;
    }
}

/// @notice Lineage stays acyclic, each content hash names exactly the (work, version) the rules
/// gave it, and a work that lost a hash is suspended, whatever is committed and registered.
contract WorksInvariantsTest is SpinTest, WorksSetup {
    WorksHandler private handler;

    function setUp() public {
        deploySpin();
        handler = new WorksHandler(works, persons[0], persons[1]);
        works.grantRole(works.DEFAULT_ADMIN_ROLE(), address(handler));
        targetContract(address(handler));
    }

    function registrationFor(
        bytes32 hash,
        address registrant,
        uint256[] memory parents
    ) external view returns (IWorksRegistry.Registration memory r) {
        r = registrationOf(hash, PPL, 5_000, 2_500, parents);
        r.stewards[0] = registrant;
    }

    /// @notice The handler really commits, registers, forks, adds versions and supersedes.
    function test_handlerRegistersForksVersionsAndSupersedes() public {
        handler.commit(0, 1); // the author commits to hash 1 first
        handler.nextBlocks(0, 0);
        handler.commit(1, 1); // the squatter sees it later
        handler.commit(1, 2);
        handler.nextBlocks(0, 0);
        handler.register(1, 1, 0, 0); // the squatter registers hash 1 first: work 1
        handler.register(1, 2, 0, 0); // and hash 2: work 2
        handler.register(0, 1, 0, 0); // the author's older commitment takes hash 1: work 3
        handler.register(1, 1, 0, 0); // used-up commitment: refused
        handler.commit(0, 3);
        handler.nextBlocks(0, 0);
        handler.addVersion(0, 2, 3); // the author steward of work 3 adds hash 3
        assertEq(works.workCount(), 3, "three works");
        assertEq(handler.superseded(), 1, "one hash superseded");
        assertTrue(works.workOf(1).suspended, "the squatter's work is suspended");
        (uint256 workId, uint32 version) = works.workOfHash(keccak256(abi.encode("content", uint256(3))));
        assertEq(workId, 3, "the version names the author's work");
        assertEq(version, 2, "as its second version");
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

    /// @notice Each accepted hash names the (work, version) it was last given, and no two hashes
    /// name the same (work, version).
    function invariant_contentHashesNameOneVersion() public view {
        uint256 n = handler.acceptedCount();
        for (uint256 i; i < n; ++i) {
            bytes32 hash = handler.accepted(i);
            (uint256 workId, uint32 version) = works.workOfHash(hash);
            assertEq(workId, handler.ghostWork(hash), "hash names its work");
            assertEq(version, handler.ghostVersion(hash), "hash names its version");
            for (uint256 j; j < i; ++j) {
                (uint256 otherWork, uint32 otherVersion) = works.workOfHash(handler.accepted(j));
                assertTrue(
                    workId == 0 || otherWork != workId || otherVersion != version,
                    "two hashes name one version"
                );
            }
        }
    }

    /// @notice A work that lost a hash, to an older commitment or to governance, is suspended.
    function invariant_losersAreSuspended() public view {
        uint256 n = handler.loserCount();
        for (uint256 i; i < n; ++i) {
            assertTrue(works.workOf(handler.losers(i)).suspended, "a work kept a hash it lost");
        }
    }
}
