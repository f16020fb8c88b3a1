import '@testing-library/jest-dom';

// material-table renders slowly in jsdom; on a shared CI machine a page-sized render can pass 5 s.
jest.setTimeout(30_000);
