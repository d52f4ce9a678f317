export function contentSecurityPolicy(dev: boolean, nonce?: string): string;
export function securityHeaders(): { key: string; value: string }[];
