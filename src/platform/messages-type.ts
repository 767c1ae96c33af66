export type Locale = 'vi' | 'en';
