// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title The works registry: what the commons has made and where it came from
/// @notice A work is a flatfile bundle named by the sha-256 of its canonical manifest
/// (docs/content-manifest.md). It has stewards, contributors with shares, up to 16 parents,
/// versions and a licence, and Places or Cooperatives adopt it. Metadata URIs live in events
/// only: the content hash is what identifies a work, the URI is where to fetch it. So does the
/// ordered version list (VersionAdded events); on chain, every hash maps to its work and version.
/// A hash is claimed by commit and reveal, so that nobody who sees it (the bundle is uploaded
/// publicly, the transaction waits in the pool) can register it first: the registrant commits
/// to `commitmentFor(hash, registrant, salt)`, then registers (or adds the version) with the salt
/// at least one block later. The earliest commitment has priority: within `PRIORITY_WINDOW` of a
/// hash's registration, someone whose commitment to it is older takes it over, and the work that
/// held it is suspended. Governance can release or reassign a hash after a dispute.
interface IWorksRegistry {
    /// @notice A work's core record, one storage slot. `versionCount == 0` means no such work.
    struct Work {
        uint32 licenceId;
        uint32 versionCount;
        uint8 parentCount;
        uint8 stewardCount;
        bool suspended;
        uint40 registeredAt;
    }

    /// @notice What a new work declares.
    struct Registration {
        bytes32 contentHash;
        string metadataURI;
        uint32 licenceId;
        address[] stewards;
        address[] contributors;
        /// Basis points per contributor, summing to 10,000.
        uint16[] shares;
        /// Ids of the works this one forks; empty for an original work.
        uint256[] parents;
    }

    event WorkRegistered(
        uint256 indexed workId,
        bytes32 indexed contentHash,
        address indexed registrant,
        uint32 licenceId,
        string metadataURI,
        address[] stewards,
        address[] contributors,
        uint16[] shares,
        uint256[] parents
    );
    event VersionAdded(
        uint256 indexed workId,
        bytes32 indexed contentHash,
        uint32 version,
        string metadataURI,
        address indexed steward
    );
    event StewardSet(uint256 indexed workId, address indexed steward, bool isSteward, address indexed by);
    event AdoptionDeclared(uint256 indexed workId, address indexed adopter);
    event AdoptionWithdrawn(uint256 indexed workId, address indexed adopter);
    event WorkSuspended(uint256 indexed workId, string reason);
    event WorkReinstated(uint256 indexed workId, string reason);
    /// @notice `committer` recorded a commitment to register a content hash (or add it as a
    /// version), in block `blockNumber`. The commitment hides the hash and the salt.
    event RegistrationCommitted(bytes32 indexed commitment, address indexed committer, uint64 blockNumber);
    /// @notice A registration or version backed by an older commitment took `contentHash` from
    /// `fromWorkId` (now suspended); it names version `toVersion` of `toWorkId` now.
    event ContentHashSuperseded(
        bytes32 indexed contentHash,
        uint256 indexed fromWorkId,
        uint256 indexed toWorkId,
        uint32 toVersion
    );
    /// @notice Governance took `contentHash` from `fromWorkId` (now suspended; 0 if none held it)
    /// after a dispute: only `reservedFor` may register it now, or anyone with the earliest
    /// commitment when `reservedFor` is zero.
    event ContentHashReleased(
        bytes32 indexed contentHash,
        uint256 indexed fromWorkId,
        address indexed reservedFor,
        string reason
    );

    error WorksNotParticipant(address account);
    error WorksZeroContentHash();
    error WorksContentHashTaken(bytes32 contentHash, uint256 existingWorkId);
    error WorksUnknownWork(uint256 workId);
    error WorksLicenceNotActive(uint32 licenceId);
    error WorksStewardCount(uint256 count, uint256 max);
    error WorksInvalidSteward(address steward);
    error WorksContributorCount(uint256 count, uint256 max);
    error WorksLengthMismatch(uint256 contributors, uint256 shares);
    error WorksInvalidContributor(address contributor, uint16 share);
    error WorksSharesNotWhole(uint256 totalBps);
    error WorksTooManyParents(uint256 count, uint256 max);
    error WorksDuplicateParent(uint256 parentId);
    error WorksParentSuspended(uint256 parentId);
    error WorksDerivativesForbidden(uint256 parentId, uint32 parentLicenceId);
    error WorksIncompatibleLicence(uint256 parentId, uint32 parentLicenceId, uint32 licenceId);
    error WorksNotSteward(uint256 workId, address account);
    error WorksLastSteward(uint256 workId, address steward);
    error WorksSuspended(uint256 workId);
    error WorksNotSuspended(uint256 workId);
    error WorksCannotAdopt(address account);
    error WorksAlreadyAdopted(uint256 workId, address adopter);
    error WorksNotAdopted(uint256 workId, address adopter);
    /// @notice The commitment is already recorded (in block `blockNumber`).
    error WorksAlreadyCommitted(bytes32 commitment, uint64 blockNumber);
    /// @notice No unused commitment matches the hash, the caller and the salt.
    error WorksNoCommitment(bytes32 commitment);
    /// @notice The commitment was made in block `blockNumber`, this block: reveal it in a later one.
    error WorksCommitmentTooRecent(bytes32 commitment, uint64 blockNumber);
    /// @notice Governance reserved the hash for `reservedFor`.
    error WorksContentHashReserved(bytes32 contentHash, address reservedFor);
    /// @notice No work holds the hash and none is reserved for it.
    error WorksUnknownContentHash(bytes32 contentHash);

    /// @notice Records a commitment to register a content hash or add it as a version:
    /// `commitmentFor(contentHash, registrant, salt)`, with a salt kept secret until the reveal.
    /// @dev Any admitted participant. Emits RegistrationCommitted. Fails when the caller is not
    /// one, or the commitment is already recorded.
    function commitRegistration(bytes32 commitment) external;

    /// @notice Registers a work; its first version is `r.contentHash`. Returns the new id.
    /// @dev Any admitted participant (Person, Cooperative, Place, Enterprise), revealing its
    /// commitment to the hash (made at least one block earlier; it is used up). Emits
    /// WorkRegistered, and ContentHashSuperseded + WorkSuspended when it takes the hash over by
    /// an older commitment. Fails when the caller is not one, the hash is zero, no commitment
    /// matches or it is from this block, the hash names a work or version that registered it with
    /// an older commitment (or more than `PRIORITY_WINDOW` ago, or by governance's decision;
    /// with that work's id) or is reserved for someone else, the licence template is not active, there are 0 or more
    /// than MAX_STEWARDS stewards (or a zero or repeated one), 0 or more than MAX_CONTRIBUTORS
    /// contributors (or a zero, repeated or zero-share one), the shares do not sum to 10,000,
    /// there are more than MAX_PARENTS parents, a parent is unknown, repeated or suspended, a
    /// parent forbids derivatives, or a share-alike parent's licence does not accept the
    /// chosen one.
    function register(Registration calldata r, bytes32 salt) external returns (uint256 workId);

    /// @notice Appends a version to a work; the history is kept.
    /// @dev A steward who is an allowed participant, revealing its commitment to the hash as
    /// `register` does. Emits VersionAdded (and ContentHashSuperseded as `register`). Fails for an
    /// unknown or suspended work, a non-steward, or a hash `register` would refuse.
    function addVersion(
        uint256 workId,
        bytes32 contentHash,
        string calldata metadataURI,
        bytes32 salt
    ) external;

    /// @notice Adds or removes a steward of a work. The last steward cannot be removed.
    /// @dev A steward who is an allowed participant. Emits StewardSet. Fails for an unknown work,
    /// a non-steward caller, a zero account, more than MAX_STEWARDS, or removing the last one.
    function setSteward(uint256 workId, address account, bool isSteward) external;

    /// @notice Declares that the caller (a Place or Cooperative) produces or develops the work.
    /// @dev An allowed Place or Cooperative. Emits AdoptionDeclared. Fails for an unknown or
    /// suspended work, another kind of caller, or a repeated adoption.
    function adopt(uint256 workId) external;

    /// @notice Withdraws the caller's adoption.
    /// @dev The adopter (even if no longer allowed). Emits AdoptionWithdrawn. Fails when the
    /// caller has not adopted the work.
    function withdrawAdoption(uint256 workId) external;

    /// @notice Suspends a work (e.g. plagiarism): no new versions, adoptions or licences, and
    /// its contributors cannot claim fees while it lasts.
    /// @dev Governance only. Emits WorkSuspended. Fails for an unknown or suspended work.
    function suspend(uint256 workId, string calldata reason) external;

    /// @notice Lifts a suspension.
    /// @dev Governance only. Emits WorkReinstated. Fails for an unknown or unsuspended work.
    function reinstate(uint256 workId, string calldata reason) external;

    /// @notice After a dispute, takes a content hash from the work holding it (suspended if it is
    /// not yet) and reserves it for `to`, who then registers it (or adds it as a version) with a
    /// commitment of any age; nobody can take it from them by priority. With `to` zero the hash is
    /// free again for the earliest commitment.
    /// @dev Governance only. Emits ContentHashReleased (and WorkSuspended). Fails when no work
    /// holds the hash and none is reserved for it.
    function reassignHash(bytes32 contentHash, address to, string calldata reason) external;

    /// @notice The core record of a work (all zero for an unknown id).
    function workOf(uint256 workId) external view returns (Work memory);

    /// @notice The work a content hash names (any version) and which version it is (1-based);
    /// (0, 0) when none.
    function workOfHash(bytes32 contentHash) external view returns (uint256 workId, uint32 version);

    /// @notice The commitment a registrant reveals: keccak256(abi.encode(contentHash, registrant, salt)).
    function commitmentFor(
        bytes32 contentHash,
        address registrant,
        bytes32 salt
    ) external pure returns (bytes32);

    /// @notice The block in which `commitment` was recorded; 0 when unknown or used.
    function commitmentOf(bytes32 commitment) external view returns (uint64 blockNumber);

    /// @notice How a content hash is held: the block of the commitment that claimed it (0 for a
    /// governance assignment, which priority cannot overturn), until when an older commitment may
    /// take it over, and for whom governance reserved it (zero when not reserved).
    function claimOf(
        bytes32 contentHash
    ) external view returns (uint64 committedAt, uint40 contestableUntil, address reservedFor);

    /// @notice A work's direct parents.
    function parentsOf(uint256 workId) external view returns (uint256[] memory);

    /// @notice A contributor's share of a work in basis points (0 for others).
    function shareOf(uint256 workId, address account) external view returns (uint16);

    /// @notice True when `account` is a steward of the work.
    function isSteward(uint256 workId, address account) external view returns (bool);

    /// @notice The Places and Cooperatives that adopted the work.
    function adoptersOf(uint256 workId) external view returns (address[] memory);

    /// @notice True when `account` adopted the work.
    function hasAdopted(uint256 workId, address account) external view returns (bool);

    /// @notice How many works exist; ids run from 1 to this number.
    function workCount() external view returns (uint256);
}
