// Runs before the page is drawn: scripts work here, so the phone menu starts closed instead of flashing open.
document.documentElement.classList.add('js');
