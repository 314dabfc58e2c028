/**
 * The one entry to `@peculiar/x509` in the coordinator: it loads
 * `reflect-metadata`, the Reflect polyfill the library's tsyringe dependency
 * requires, before the library itself (ES modules evaluate their imports in
 * order), and hands out Node's WebCrypto as the
 * crypto provider so nothing depends on a global provider being set.
 *
 * @module
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';

export {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '@peculiar/x509';

/**
 * Node's WebCrypto, passed explicitly to every `@peculiar/x509` call that
 * signs, verifies or hashes, so no global crypto provider has to be set.
 */
export const x509Crypto: webcrypto.Crypto = webcrypto;

/** A WebCrypto key pair, as Node's types name it. */
export type X509KeyPair = webcrypto.CryptoKeyPair;
