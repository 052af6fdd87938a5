const CART_KEY = 'shop.cart';

export function loadCart(): string[] {
  return JSON.parse(localStorage.getItem(CART_KEY) ?? '[]');
}

export function saveCart(items: string[]): void {
  localStorage.setItem(CART_KEY, JSON.stringify(items));
}

export async function checkout(items: string[]): Promise<void> {
  await fetch('/api/orders', { method: 'POST', body: JSON.stringify({ items }) });
  localStorage.removeItem(CART_KEY);
}
