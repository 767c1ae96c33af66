// Placeholder until this page lands (same session): see the incidents issue (#5).
export default function PlaybooksPage() {
  return null;
}
