/** Shapes of API.md, snake_case as on the wire. */
export type OptionType = 'boolean' | 'single_select' | 'multi_select' | 'text_input';

export interface CustomOption {
  id: string;
  package_id: string;
  label: string;
  option_type: OptionType;
  choices: string[] | null;
  is_required: boolean;
  display_order: number;
  max_length: number | null;
}

export type PackageVisibility = 'public' | 'hidden';

/** An early price of a package, in force until `ends_at` (tiers are ordered by strictly increasing ends_at). */
export interface PriceTier {
  label: string;
  price: number;
  ends_at: string;
}

export interface TicketPackage {
  id: string;
  event_id: string;
  name: string;
  description: string | null;
  price: number;
  quantity_limit: number | null;
  sold_count?: number;
  available: number | null;
  display_order: number;
  image_url: string | null;
  is_enabled: boolean;
  version?: number;
  seats_per_package?: number;
  fair_market_value?: number | null;
  // Sales rules (API.md, "Sales rules"); optional so a package from an older server still renders.
  sales_start_at?: string | null;
  sales_end_at?: string | null;
  min_per_order?: number;
  max_per_order?: number;
  visibility?: PackageVisibility;
  price_tiers?: PriceTier[];
  /** is_enabled and inside the sales window, at the moment the server answered. */
  on_sale?: boolean;
  /** The price in force when the server answered: the first tier whose ends_at is ahead, else price. */
  current_price?: number;
  custom_options: CustomOption[];
  created_at?: string;
  updated_at?: string;
}

export interface AuditEntry {
  id: string;
  entity_type: 'ticket_package' | 'custom_option';
  entity_id: string;
  action: string;
  field_name: string | null;
  old_value: string | null;
  new_value: string | null;
  user_id: string;
  created_at: string;
}

/** `none`: an access code that unlocks packages and discounts nothing. */
export type DiscountType = 'percentage' | 'fixed_amount' | 'none';

export interface PromoCode {
  id: string;
  event_id: string;
  code: string;
  discount_type: DiscountType;
  discount_value: number;
  max_total_uses: number | null;
  max_uses_per_donor: number | null;
  current_uses: number;
  valid_from: string | null;
  expires_at: string | null;
  is_active: boolean;
  package_ids: string[];
  /** Hidden packages this code reveals at checkout (and always applies to). */
  unlocks_package_ids?: string[];
  version: number;
}

export interface PromoValidation {
  valid: boolean;
  code: string;
  discount_type: DiscountType;
  discount_value: number;
  discount_amount?: number;
}

export interface SalesPackage {
  package_id: string;
  name: string;
  sold_count: number;
  quantity_limit: number | null;
  revenue: number;
}

export interface Sales {
  event_id: string;
  total_sold: number;
  total_tickets?: number;
  total_revenue: number;
  packages: SalesPackage[];
  updated_at: string;
}

export type TicketStatus = 'valid' | 'cancelled';

export interface Ticket {
  id: string;
  ticket_number: string;
  qr_code: string;
  guest_name?: string | null;
  guest_email?: string | null;
  checked_in_at?: string | null;
  /** Absent from servers older than the order lifecycle, which knew only valid tickets. */
  status?: TicketStatus;
}

export interface OptionResponse {
  option_id: string;
  label: string;
  value: boolean | string | string[];
}

/** A cancellation of tickets of one purchase: a coordinator's refund or the donor's release (refund 0). */
export interface Cancellation {
  id: string;
  ticket_ids: string[];
  packages_returned: number;
  refund_amount: number;
  kind: 'refund' | 'release';
  reason: string | null;
  created_by: string | null;
  created_at: string;
}

/** One email about a purchase (admin view only). */
export interface PurchaseEmail {
  kind: string;
  to: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  sent_at?: string | null;
  queued_at?: string | null;
  updated_at?: string | null;
  /** The seat a guest-ticket or resend mail is about, else null. */
  ticket_id?: string | null;
}

export type PurchaseStatus = 'active' | 'cancelled';
export type PurchaseChannel = 'checkout' | 'admin';
export type PurchasePayment = 'platform' | 'complimentary' | 'offline';

export interface Purchase {
  id: string;
  event_id: string;
  package_id: string;
  donor_id?: string | null;
  quantity: number;
  unit_price: number;
  base_price: number;
  discount_amount: number;
  total_price: number;
  tax_deductible_amount?: number | null;
  promo_code: string | null;
  option_responses?: OptionResponse[];
  tickets: Ticket[];
  created_at: string;
  // The order lifecycle's fields (optional so a purchase from an older server still renders).
  status?: PurchaseStatus;
  channel?: PurchaseChannel;
  payment?: PurchasePayment;
  donation_amount?: number;
  refunded_amount?: number;
  email?: string | null;
  name?: string | null;
  note?: string | null;
  cancellations?: Cancellation[];
  emails?: PurchaseEmail[];
}

export interface PurchasePage {
  purchases: Purchase[];
  page: number;
  size: number;
  total: number;
}
