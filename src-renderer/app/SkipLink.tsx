// The first stop of the Tab key: jumps past the sidebar to the page. A button-like link, since a
// plain "#main" fragment would be read as a route by the hash router.
export function SkipLink({ targetId }: { targetId: string }) {
  return (
    <a
      className="skip-link"
      href={`#${targetId}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(targetId)?.focus();
      }}
      data-testid="skip-link"
    >
      Skip to content
    </a>
  );
}
