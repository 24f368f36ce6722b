// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IAdmission} from "../interfaces/IAdmission.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";

/// @title EIP-712 struct hashes of signed applications and profile changes
/// @notice The types a wallet shows the applicant:
/// `Application(address applicant,uint8 kind,string profileURI,bytes32 profileHash,Place place,
/// uint256 nonce,uint256 deadline)Place(string name,int32 latitudeE6,int32 longitudeE6,
/// bytes2 country,string[] machines)` and `ProfileChange(address applicant,string profileURI,
/// bytes32 profileHash,uint256 nonce,uint256 deadline)`. The kind is the ICommonsRegistry.Kind
/// number (1 Person, 2 Cooperative, 3 Place, 4 Enterprise).
library ApplicationHashes {
    bytes32 internal constant PLACE_TYPEHASH = keccak256(
        "Place(string name,int32 latitudeE6,int32 longitudeE6,bytes2 country,string[] machines)"
    );
    bytes32 internal constant APPLICATION_TYPEHASH = keccak256(
        "Application(address applicant,uint8 kind,string profileURI,bytes32 profileHash,Place place,uint256 nonce,uint256 deadline)Place(string name,int32 latitudeE6,int32 longitudeE6,bytes2 country,string[] machines)"
    );
    bytes32 internal constant PROFILE_CHANGE_TYPEHASH = keccak256(
        "ProfileChange(address applicant,string profileURI,bytes32 profileHash,uint256 nonce,uint256 deadline)"
    );

    /// @dev The struct hash of a signed application.
    function application(IAdmission.SignedApplication calldata a) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    APPLICATION_TYPEHASH,
                    a.applicant,
                    uint8(a.kind),
                    keccak256(bytes(a.profileURI)),
                    a.profileHash,
                    place(a.place),
                    a.nonce,
                    a.deadline
                )
            );
    }

    /// @dev The struct hash of a signed profile change.
    function profileChange(IAdmission.SignedProfileChange calldata c) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    PROFILE_CHANGE_TYPEHASH,
                    c.applicant,
                    keccak256(bytes(c.profileURI)),
                    c.profileHash,
                    c.nonce,
                    c.deadline
                )
            );
    }

    /// @dev The struct hash of a place. The list of machines is bounded by the caller's calldata
    /// limit; its length is checked against RegistryInput's bound afterwards.
    function place(ICommonsRegistry.PlaceInfo calldata p) internal pure returns (bytes32) {
        uint256 count = p.machines.length;
        bytes32[] memory machines = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) machines[i] = keccak256(bytes(p.machines[i]));
        return
            keccak256(
                abi.encode(
                    PLACE_TYPEHASH,
                    keccak256(bytes(p.name)),
                    p.latitudeE6,
                    p.longitudeE6,
                    p.country,
                    keccak256(abi.encodePacked(machines))
                )
            );
    }
}
