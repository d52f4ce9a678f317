export default function HomePage() {
  return <main>Stepscope</main>;
}
