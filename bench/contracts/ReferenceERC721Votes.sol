// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Votes} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @notice Plain OpenZeppelin ERC721Votes, the reference for delegating a membership vote.
contract ReferenceERC721Votes is ERC721Votes {
    constructor() ERC721("Reference Votes", "REFV") EIP712("Reference Votes", "1") {}

    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }
}
