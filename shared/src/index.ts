export * from "./abi/generated.ts";
export * from "./address-book/address-book.ts";
